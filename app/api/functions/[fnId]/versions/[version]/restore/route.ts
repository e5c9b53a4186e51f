import { FunctionResponse } from "@/engine/contract/functions";
import { RestoreVersionInput, VersionParams } from "@/engine/contract/versions";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { restoreVersion } from "@/server/services/functions";

/** `{ baseVersion }` → the function with the restored definition as its newest version. */
export const POST = route({ params: VersionParams, body: RestoreVersionInput, response: FunctionResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  const fn = await restoreVersion(getDb(), params.fnId, params.version, body);
  await auditFrom(req, caller).record({ action: "function.restore", targetType: "function", targetId: fn.id, detail: { name: fn.name, restored: params.version, version: fn.currentVersion } });
  return { function: fn };
});
