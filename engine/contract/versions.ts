import { z } from "zod";
import { FunctionDefinition } from "../model";
import { FunctionParams } from "./functions";

/** A function's history: `/api/functions/<fnId>/versions[/<version>[/restore]]`. */

export const VersionParams = FunctionParams.extend({
  version: z.coerce.number({ error: "The version is not a number" }).int().min(1),
});

export const RestoreVersionInput = z.object({ baseVersion: z.number().int().min(1) });
export type RestoreVersionInput = z.infer<typeof RestoreVersionInput>;

export const VersionSummary = z.object({
  version: z.number().int(),
  name: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export type VersionSummary = z.infer<typeof VersionSummary>;

export const FunctionVersion = VersionSummary.extend({ definition: FunctionDefinition });
export type FunctionVersion = z.infer<typeof FunctionVersion>;

export const VersionListResponse = z.object({ versions: z.array(VersionSummary) });
export const VersionResponse = z.object({ version: FunctionVersion });
