import { AppParams } from "@/engine/contract/apps";
import { CreateFunctionInput, FunctionListResponse, FunctionResponse } from "@/engine/contract/functions";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { getApp } from "@/server/services/apps";
import { createFunction, listFunctions } from "@/server/services/functions";

export const GET = route({ params: AppParams, response: FunctionListResponse, access: "appEdit" }, async ({ params }) => {
  await getApp(getDb(), params.appId);
  return { functions: await listFunctions(getDb(), params.appId) };
});
export const POST = route({ params: AppParams, body: CreateFunctionInput, response: FunctionResponse, access: "appEdit" }, async ({ params, body }) => {
  await getApp(getDb(), params.appId);
  return { function: await createFunction(getDb(), params.appId, body) };
});
