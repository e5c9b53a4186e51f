import { NoContent } from "@/engine/contract/common";
import {
  FunctionDetailResponse,
  FunctionParams,
  FunctionResponse,
  RenameFunctionInput,
  SaveFunctionInput,
} from "@/engine/contract/functions";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { deleteFunction, getFunction, renameFunction, saveFunction } from "@/server/services/functions";

export const GET = route({ params: FunctionParams, response: FunctionDetailResponse, access: "appEdit" }, async ({ params }) => ({
  function: await getFunction(getDb(), params.fnId),
}));
/** Save: `{ definition, baseVersion }` → a new version. */
export const PUT = route({ params: FunctionParams, body: SaveFunctionInput, response: FunctionResponse, access: "appEdit" }, async ({ params, body }) => ({
  function: await saveFunction(getDb(), params.fnId, body),
}));
/** Rename: `{ name }`. */
export const PATCH = route({ params: FunctionParams, body: RenameFunctionInput, response: FunctionResponse, access: "appEdit" }, async ({ params, body }) => ({
  function: await renameFunction(getDb(), params.fnId, body),
}));
export const DELETE = route({ params: FunctionParams, response: NoContent, access: "appEdit" }, async ({ params }) => {
  await deleteFunction(getDb(), params.fnId);
});
