import { AppParams, AppResponse, RenameAppInput } from "@/engine/contract/apps";
import { NoContent } from "@/engine/contract/common";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { deleteApp, getApp, renameApp } from "@/server/services/apps";

export const GET = route({ params: AppParams, response: AppResponse, access: "appEdit" }, async ({ params }) => ({
  app: await getApp(getDb(), params.appId),
}));
export const PATCH = route({ params: AppParams, body: RenameAppInput, response: AppResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  const before = await getApp(getDb(), params.appId);
  const app = await renameApp(getDb(), params.appId, body);
  await auditFrom(req, caller).record({ action: "app.rename", targetType: "app", targetId: app.id, detail: { from: before.name, name: app.name } });
  return { app };
});
export const DELETE = route({ params: AppParams, response: NoContent, access: "appEdit" }, async ({ req, caller, params }) => {
  const gone = await deleteApp(getDb(), params.appId);
  await auditFrom(req, caller).record({ action: "app.delete", targetType: "app", targetId: params.appId, detail: gone });
});
