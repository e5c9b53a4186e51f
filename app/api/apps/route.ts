import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { createApp, listApps } from "@/server/services/apps";

export const GET = route(async () => ({ apps: await listApps(getDb()) }));
export const POST = route(async (req) => ({ app: await createApp(getDb(), await readJson(req)) }));
