import { AppParams, AppResponse, RenameAppInput } from "@/engine/contract/apps";
import { NoContent } from "@/engine/contract/common";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { deleteApp, getApp, renameApp } from "@/server/services/apps";

export const GET = route({ params: AppParams, response: AppResponse, access: "appEdit" }, async ({ params }) => ({
  app: await getApp(getDb(), params.appId),
}));
export const PATCH = route({ params: AppParams, body: RenameAppInput, response: AppResponse, access: "appEdit" }, async ({ params, body }) => ({
  app: await renameApp(getDb(), params.appId, body),
}));
export const DELETE = route({ params: AppParams, response: NoContent, access: "appEdit" }, async ({ params }) => {
  await deleteApp(getDb(), params.appId);
});
