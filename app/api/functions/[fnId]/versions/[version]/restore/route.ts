import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { restoreVersion } from "@/server/services/functions";

type P = { fnId: string; version: string };
/** `{ baseVersion }` → the function with the restored definition as its newest version. */
export const POST = route<P>(async (req, { fnId, version }) => ({
  function: await restoreVersion(getDb(), fnId, Number(version), await readJson(req)),
}));
