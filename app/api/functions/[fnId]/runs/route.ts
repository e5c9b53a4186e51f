import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { runWriter } from "@/server/runtime/engine";
import { getFunction } from "@/server/services/functions";
import { listRuns } from "@/server/services/runs";

type P = { fnId: string };
/** Past runs, newest first; `?status=ok|error&source=test|app|api&limit=&before=<runId>`. */
export const GET = route<P>(async (req, { fnId }) => {
  await getFunction(getDb(), fnId);
  await runWriter(getDb()).flush();
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return { runs: await listRuns(getDb(), fnId, query) };
});
