import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { enginePorts, runWriter } from "@/server/runtime/engine";
import { testRun } from "@/server/services/test-run";

type P = { fnId: string };
/** `{ definition, input }` → `{ runId, outcome }`; the run is cancelled when the request is aborted. */
export const POST = route<P>(async (req, { fnId }) => {
  const db = getDb();
  const f = await db.function.findUnique({ where: { id: fnId }, select: { appId: true } });
  return testRun({ db, ports: enginePorts(db, f?.appId ?? "", req.signal), runs: runWriter(db) }, fnId, await readJson(req));
});
