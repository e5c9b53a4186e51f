import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { deletePage, getPage, updatePage } from "@/server/services/pages";

type P = { pageId: string };
export const GET = route<P>(async (_req, { pageId }) => ({ page: await getPage(getDb(), pageId) }));
/** `{ name?, position? }`: rename and/or move the page in the app's order. */
export const PATCH = route<P>(async (req, { pageId }) => ({ page: await updatePage(getDb(), pageId, await readJson(req)) }));
export const DELETE = route<P>(async (_req, { pageId }) => {
  await deletePage(getDb(), pageId);
});
