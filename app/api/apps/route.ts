import { AppListResponse, AppResponse, CreateAppInput } from "@/engine/contract/apps";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { createApp, listApps } from "@/server/services/apps";

export const GET = route({ response: AppListResponse, access: "signedIn" }, async ({ caller }) => ({ apps: await listApps(getDb(), caller) }));
export const POST = route({ body: CreateAppInput, response: AppResponse, access: "editor" }, async ({ req, caller, body }) => {
  const app = await createApp(getDb(), body, caller?.user.id ?? null);
  await auditFrom(req, caller).record({ action: "app.create", targetType: "app", targetId: app.id, detail: { name: app.name } });
  return { app };
});
