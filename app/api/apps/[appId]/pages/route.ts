import { AppParams } from "@/engine/contract/apps";
import { CreatePageInput, PageListResponse, PageResponse } from "@/engine/contract/pages";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { getApp } from "@/server/services/apps";
import { createPage, listPages } from "@/server/services/pages";

export const GET = route({ params: AppParams, response: PageListResponse, access: "appEdit" }, async ({ params }) => {
  await getApp(getDb(), params.appId);
  return { pages: await listPages(getDb(), params.appId) };
});
export const POST = route({ params: AppParams, body: CreatePageInput, response: PageResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  await getApp(getDb(), params.appId);
  const page = await createPage(getDb(), params.appId, body);
  await auditFrom(req, caller).record({ action: "page.create", targetType: "page", targetId: page.id, detail: { name: page.name, appId: params.appId } });
  return { page };
});
