import { ConnectionTestResponse, TestResourceInput } from "@/engine/contract/resources";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { testConnection } from "@/server/resources";
import { resourceDeps } from "@/server/runtime/engine";
import { settingsForTest } from "@/server/services/resources";

/** Test connection: `{ id?, kind, config, secrets }` → `{ ok, message }` with the server's own error. */
export const POST = route({ body: TestResourceInput, response: ConnectionTestResponse, access: "admin" }, async ({ req, body }) => {
  const settings = await settingsForTest(resourceDeps(getDb()), body);
  return testConnection(settings, req.signal);
});
