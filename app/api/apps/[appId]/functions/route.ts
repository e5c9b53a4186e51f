import { AppParams } from "@/engine/contract/apps";
import { CreateFunctionInput, FunctionListResponse, FunctionResponse } from "@/engine/contract/functions";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { getApp } from "@/server/services/apps";
import { createFunction, listFunctions } from "@/server/services/functions";

export const GET = route({ params: AppParams, response: FunctionListResponse, access: "appEdit" }, async ({ params }) => {
  await getApp(getDb(), params.appId);
  return { functions: await listFunctions(getDb(), params.appId) };
});
export const POST = route({ params: AppParams, body: CreateFunctionInput, response: FunctionResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  await getApp(getDb(), params.appId);
  const fn = await createFunction(getDb(), params.appId, body);
  await auditFrom(req, caller).record({ action: "function.create", targetType: "function", targetId: fn.id, detail: { name: fn.name, appId: params.appId, pageId: fn.pageId } });
  return { function: fn };
});
