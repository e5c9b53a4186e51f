import { FunctionParams } from "@/engine/contract/functions";
import { TestRunInput, TestRunResponse } from "@/engine/contract/runs";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { enginePorts, runWriter } from "@/server/runtime/engine";
import { testRun } from "@/server/services/test-run";

/** `{ definition, input }` → `{ runId, outcome }`; the run is cancelled when the request is aborted. */
export const POST = route({ params: FunctionParams, body: TestRunInput, response: TestRunResponse, access: "appEdit" }, async ({ req, params, body, caller }) => {
  const db = getDb();
  const f = await db.function.findUnique({ where: { id: params.fnId }, select: { appId: true } });
  return testRun({ db, ports: enginePorts(db, f?.appId ?? "", req.signal), runs: runWriter(db) }, params.fnId, body, { caller: caller?.user ?? null });
});
