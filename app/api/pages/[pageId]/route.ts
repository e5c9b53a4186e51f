import { NoContent } from "@/engine/contract/common";
import { PageDetailResponse, PageParams, PageResponse, UpdatePageInput } from "@/engine/contract/pages";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { deletePage, getPage, updatePage } from "@/server/services/pages";

export const GET = route({ params: PageParams, response: PageDetailResponse, access: "appEdit" }, async ({ params }) => ({
  page: await getPage(getDb(), params.pageId),
}));
/** `{ name?, position? }`: rename and/or move the page in the app's order. */
export const PATCH = route({ params: PageParams, body: UpdatePageInput, response: PageResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  const page = await updatePage(getDb(), params.pageId, body);
  const action = body.name !== undefined ? "page.rename" : "page.move";
  await auditFrom(req, caller).record({ action, targetType: "page", targetId: page.id, detail: { name: page.name, position: page.position } });
  return { page };
});
export const DELETE = route({ params: PageParams, response: NoContent, access: "appEdit" }, async ({ req, caller, params }) => {
  const gone = await deletePage(getDb(), params.pageId);
  await auditFrom(req, caller).record({ action: "page.delete", targetType: "page", targetId: params.pageId, detail: gone });
});
