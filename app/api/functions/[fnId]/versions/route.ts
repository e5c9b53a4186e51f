import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { getFunction, listVersions } from "@/server/services/functions";

type P = { fnId: string };
export const GET = route<P>(async (_req, { fnId }) => {
  await getFunction(getDb(), fnId);
  return { versions: await listVersions(getDb(), fnId) };
});
