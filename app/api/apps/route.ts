import { AppListResponse, AppResponse, CreateAppInput } from "@/engine/contract/apps";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { createApp, listApps } from "@/server/services/apps";

export const GET = route({ response: AppListResponse, access: "open" }, async () => ({ apps: await listApps(getDb()) }));
export const POST = route({ body: CreateAppInput, response: AppResponse, access: "open" }, async ({ body }) => ({
  app: await createApp(getDb(), body),
}));
