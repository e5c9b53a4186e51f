import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { testConnection } from "@/server/resources";
import { resourceDeps } from "@/server/runtime/engine";
import { settingsForTest } from "@/server/services/resources";

/** Test connection: `{ id?, kind, config, secrets }` → `{ ok, message }` with the server's own error. */
export const POST = route(async (req) => {
  const settings = await settingsForTest(resourceDeps(getDb()), await readJson(req));
  return testConnection(settings, req.signal);
});
