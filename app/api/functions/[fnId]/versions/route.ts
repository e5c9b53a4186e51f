import { FunctionParams } from "@/engine/contract/functions";
import { VersionListResponse } from "@/engine/contract/versions";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { getFunction, listVersions } from "@/server/services/functions";

export const GET = route({ params: FunctionParams, response: VersionListResponse, access: "appEdit" }, async ({ params }) => {
  await getFunction(getDb(), params.fnId);
  return { versions: await listVersions(getDb(), params.fnId) };
});
