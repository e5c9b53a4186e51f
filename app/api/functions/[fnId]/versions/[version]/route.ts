import { VersionParams, VersionResponse } from "@/engine/contract/versions";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { getVersion } from "@/server/services/functions";

export const GET = route({ params: VersionParams, response: VersionResponse, access: "appEdit" }, async ({ params }) => ({
  version: await getVersion(getDb(), params.fnId, params.version),
}));
