import { AppListResponse, AppResponse, CreateAppInput } from "@/engine/contract/apps";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { createApp, listApps } from "@/server/services/apps";

export const GET = route({ response: AppListResponse, access: "signedIn" }, async ({ caller }) => ({ apps: await listApps(getDb(), caller) }));
export const POST = route({ body: CreateAppInput, response: AppResponse, access: "editor" }, async ({ body, caller }) => ({
  app: await createApp(getDb(), body, caller?.user.id ?? null),
}));
