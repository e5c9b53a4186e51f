import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { getApp } from "@/server/services/apps";
import { createFunction, listFunctions } from "@/server/services/functions";

type P = { appId: string };
export const GET = route<P>(async (_req, { appId }) => {
  await getApp(getDb(), appId);
  return { functions: await listFunctions(getDb(), appId) };
});
export const POST = route<P>(async (req, { appId }) => {
  await getApp(getDb(), appId);
  return { function: await createFunction(getDb(), appId, await readJson(req)) };
});
