import { NoContent } from "@/engine/contract/common";
import {
  FunctionDetailResponse,
  FunctionParams,
  FunctionResponse,
  RenameFunctionInput,
  SaveFunctionInput,
} from "@/engine/contract/functions";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { deleteFunction, getFunction, renameFunction, saveFunction } from "@/server/services/functions";

export const GET = route({ params: FunctionParams, response: FunctionDetailResponse, access: "appEdit" }, async ({ params }) => ({
  function: await getFunction(getDb(), params.fnId),
}));
/** Save: `{ definition, baseVersion }` → a new version. */
export const PUT = route({ params: FunctionParams, body: SaveFunctionInput, response: FunctionResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  const fn = await saveFunction(getDb(), params.fnId, body);
  await auditFrom(req, caller).record({ action: "function.save", targetType: "function", targetId: fn.id, detail: { name: fn.name, version: fn.currentVersion } });
  return { function: fn };
});
/** Rename: `{ name }`. */
export const PATCH = route({ params: FunctionParams, body: RenameFunctionInput, response: FunctionResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  const fn = await renameFunction(getDb(), params.fnId, body);
  await auditFrom(req, caller).record({ action: "function.rename", targetType: "function", targetId: fn.id, detail: { name: fn.name, version: fn.currentVersion } });
  return { function: fn };
});
export const DELETE = route({ params: FunctionParams, response: NoContent, access: "appEdit" }, async ({ req, caller, params }) => {
  const gone = await deleteFunction(getDb(), params.fnId);
  await auditFrom(req, caller).record({ action: "function.delete", targetType: "function", targetId: params.fnId, detail: gone });
});
