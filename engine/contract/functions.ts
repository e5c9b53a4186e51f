import { z } from "zod";
import { FunctionDefinition, Identifier } from "../model";
import { RecordId } from "./common";

/** The editor API's functions: `/api/apps/<appId>/functions`, `/api/functions/<fnId>`, `…/duplicate`. */

export const FunctionParams = z.object({ fnId: RecordId });

export const CreateFunctionInput = z.object({
  name: Identifier,
  /** Absent or null: app-global. */
  pageId: z.string().min(1).nullish(),
});
export type CreateFunctionInput = z.infer<typeof CreateFunctionInput>;
export const RenameFunctionInput = z.object({ name: Identifier });
export type RenameFunctionInput = z.infer<typeof RenameFunctionInput>;
export const SaveFunctionInput = z.object({
  /** Checked with the definition schema (and its migrations) by the service, which names the problem. */
  definition: z.unknown(),
  /** The version the editor started from; a save over a newer one is refused. */
  baseVersion: z.number().int().min(1),
});
export type SaveFunctionInput = z.infer<typeof SaveFunctionInput>;

/** A function in the Code tab's list. */
export const FunctionSummary = z.object({
  id: z.string(),
  name: z.string(),
  pageId: z.string().nullable(),
  runBehavior: z.string(),
  currentVersion: z.number().int(),
  updatedAt: z.string(),
});
export type FunctionSummary = z.infer<typeof FunctionSummary>;

/** A function opened in the editor: its summary, app and current definition. */
export const FunctionDetail = FunctionSummary.extend({
  appId: z.string(),
  definition: FunctionDefinition,
});
export type FunctionDetail = z.infer<typeof FunctionDetail>;

export const FunctionListResponse = z.object({ functions: z.array(FunctionSummary) });
export const FunctionResponse = z.object({ function: FunctionSummary });
export const FunctionDetailResponse = z.object({ function: FunctionDetail });
