import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { deleteApp, getApp, renameApp } from "@/server/services/apps";

type P = { appId: string };
export const GET = route<P>(async (_req, { appId }) => ({ app: await getApp(getDb(), appId) }));
export const PATCH = route<P>(async (req, { appId }) => ({ app: await renameApp(getDb(), appId, await readJson(req)) }));
export const DELETE = route<P>(async (_req, { appId }) => {
  await deleteApp(getDb(), appId);
});
