import { NoContent } from "@/engine/contract/common";
import { PageDetailResponse, PageParams, PageResponse, UpdatePageInput } from "@/engine/contract/pages";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { deletePage, getPage, updatePage } from "@/server/services/pages";

export const GET = route({ params: PageParams, response: PageDetailResponse, access: "appEdit" }, async ({ params }) => ({
  page: await getPage(getDb(), params.pageId),
}));
/** `{ name?, position? }`: rename and/or move the page in the app's order. */
export const PATCH = route({ params: PageParams, body: UpdatePageInput, response: PageResponse, access: "appEdit" }, async ({ params, body }) => ({
  page: await updatePage(getDb(), params.pageId, body),
}));
export const DELETE = route({ params: PageParams, response: NoContent, access: "appEdit" }, async ({ params }) => {
  await deletePage(getDb(), params.pageId);
});
