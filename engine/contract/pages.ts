import { z } from "zod";
import { PageTree } from "../pages/schema";
import { RecordId } from "./common";

/** The editor API's pages: `/api/apps/<appId>/pages`, `/api/pages/<pageId>[/tree]`. */

export const PageParams = z.object({ pageId: RecordId });

export const PageName = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is empty")
  .max(40, "Name is longer than 40 characters")
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "Use letters, digits, - and _, starting with a letter");

export const CreatePageInput = z.object({ name: PageName });
export type CreatePageInput = z.infer<typeof CreatePageInput>;
/** Rename (`name`) and/or move (`position`: the page's index in the app's order). */
export const UpdatePageInput = z.object({ name: PageName.optional(), position: z.number().int().min(0).optional() });
export type UpdatePageInput = z.infer<typeof UpdatePageInput>;
/** The tree is checked with `PageTree` by the service, which names the problem. */
export const SaveTreeInput = z.object({ tree: z.unknown(), baseRevision: z.number().int().min(1) });
export type SaveTreeInput = z.infer<typeof SaveTreeInput>;

export const PageSummary = z.object({ id: z.string(), name: z.string(), position: z.number().int() });
export type PageSummary = z.infer<typeof PageSummary>;

/** A page opened in the page editor. */
export const PageDetail = PageSummary.extend({ appId: z.string(), revision: z.number().int(), tree: PageTree });
export type PageDetail = z.infer<typeof PageDetail>;

export const PageListResponse = z.object({ pages: z.array(PageSummary) });
export const PageResponse = z.object({ page: PageSummary });
export const PageDetailResponse = z.object({ page: PageDetail });
export const SavedTreeResponse = z.object({ revision: z.number().int(), tree: PageTree });
