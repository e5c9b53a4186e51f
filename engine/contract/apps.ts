import { z } from "zod";
import { RecordId } from "./common";

/** The editor API's apps: `/api/apps`, `/api/apps/<appId>`. */

export const AppName = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is empty")
  .max(80, "Name is longer than 80 characters")
  .refine((s) => !/[\u0000-\u001f]/.test(s), "Name contains control characters");

export const AppParams = z.object({ appId: RecordId });

export const CreateAppInput = z.object({ name: AppName });
export type CreateAppInput = z.infer<typeof CreateAppInput>;
export const RenameAppInput = z.object({ name: AppName });
export type RenameAppInput = z.infer<typeof RenameAppInput>;

/** One app on the home page. */
export const AppSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** What the person listing may do with it: open it (`use`) or build it too (`edit`). */
  access: z.enum(["use", "edit"]),
  createdAt: z.string(),
  updatedAt: z.string(),
  functionCount: z.number().int(),
  pageCount: z.number().int(),
});
export type AppSummary = z.infer<typeof AppSummary>;

/** An app as created, read or renamed. */
export const App = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type App = z.infer<typeof App>;

export const AppListResponse = z.object({ apps: z.array(AppSummary) });
export const AppResponse = z.object({ app: App });
