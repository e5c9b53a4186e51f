import { z } from "zod";
import { ResourceKind } from "../resources/kinds";
import { RecordId } from "./common";

/** The editor API's resources: `/api/resources[/<resourceId>]`, `/api/resources/test`. */

export const ResourceParams = z.object({ resourceId: RecordId });

export const ResourceName = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is empty")
  .max(80, "Name is longer than 80 characters");

/**
 * A secret field in a form: a new value replaces it, null clears it, absent keeps it (only while
 * the resource's target is unchanged: see engine/resources/target.ts). A secret REST default
 * header's value is the field `header:<name in lower case>`.
 */
export const SecretPatch = z.record(z.string(), z.string().max(8192).nullable());

export const CreateResourceInput = z.object({
  name: ResourceName,
  kind: ResourceKind,
  config: z.record(z.string(), z.unknown()),
  secrets: SecretPatch.default({}),
});
export type CreateResourceInput = z.infer<typeof CreateResourceInput>;
export const UpdateResourceInput = z.object({
  name: ResourceName.optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  secrets: SecretPatch.default({}),
});
export type UpdateResourceInput = z.infer<typeof UpdateResourceInput>;
/**
 * Test a form before (or without) saving; secrets not given come from the stored resource when
 * the kind and target are its own, else the answer is SECRETS_NEED_REENTRY naming them.
 */
export const TestResourceInput = z.object({
  id: z.string().min(1).optional(),
  kind: ResourceKind,
  config: z.record(z.string(), z.unknown()),
  secrets: SecretPatch.default({}),
});
export type TestResourceInput = z.infer<typeof TestResourceInput>;

/** What clients see: settings without secret values (a secret header's `value` is ""), and which secrets are set. */
export const ResourceView = z.object({
  id: z.string(),
  name: z.string(),
  kind: ResourceKind,
  config: z.record(z.string(), z.unknown()),
  secretsSet: z.record(z.string(), z.boolean()),
  updatedAt: z.string(),
});
export type ResourceView = z.infer<typeof ResourceView>;

export const ResourceListResponse = z.object({ resources: z.array(ResourceView) });
export const ResourceResponse = z.object({ resource: ResourceView });
/** "Test connection": the server's own words either way. */
export const ConnectionTestResponse = z.object({ ok: z.boolean(), message: z.string() });
export type ConnectionTestResponse = z.infer<typeof ConnectionTestResponse>;
