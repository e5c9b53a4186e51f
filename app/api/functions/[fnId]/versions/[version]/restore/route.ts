import { FunctionResponse } from "@/engine/contract/functions";
import { RestoreVersionInput, VersionParams } from "@/engine/contract/versions";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { restoreVersion } from "@/server/services/functions";

/** `{ baseVersion }` → the function with the restored definition as its newest version. */
export const POST = route({ params: VersionParams, body: RestoreVersionInput, response: FunctionResponse, access: "appEdit" }, async ({ params, body }) => ({
  function: await restoreVersion(getDb(), params.fnId, params.version, body),
}));
