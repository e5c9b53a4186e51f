import type { RunOutcome } from "@/engine/interpreter";
import type { QueryConfig } from "@/engine/model";
import type { EnginePorts } from "@/engine/ports";
import type { Db } from "../../db/client";
import { RunWriter } from "../../runtime/run-writer";
import { createApp } from "../../services/apps";
import { createFunction } from "../../services/functions";
import { getRun } from "../../services/runs";
import { testRun } from "../../services/test-run";
import { oneQuery } from "./one-query";

/**
 * Runs one query through the editor's Test path (server/services/test-run.ts) and reads the
 * run back from the database, as the history would show it: the answer and the stored run.
 */
export async function testRunStored(db: Db, ports: EnginePorts, config: QueryConfig | Record<string, unknown>): Promise<{ outcome: RunOutcome; stored: unknown }> {
  const app = await createApp(db, { name: `security ${Math.random()}` });
  const f = await createFunction(db, app.id, { name: "leak" });
  const definition = oneQuery(config);
  const runs = new RunWriter(db);
  const { runId, outcome } = await testRun({ db, ports, runs }, f.id, { definition, input: {} });
  await runs.flush();
  const stored = await getRun(db, f.id, runId ?? "");
  if (!stored) throw new Error("the test run was not stored");
  return { outcome, stored };
}
