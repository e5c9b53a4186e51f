import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { getApp } from "@/server/services/apps";
import { createPage, listPages } from "@/server/services/pages";

type P = { appId: string };
export const GET = route<P>(async (_req, { appId }) => {
  await getApp(getDb(), appId);
  return { pages: await listPages(getDb(), appId) };
});
export const POST = route<P>(async (req, { appId }) => {
  await getApp(getDb(), appId);
  return { page: await createPage(getDb(), appId, await readJson(req)) };
});
