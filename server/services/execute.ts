import type { EngineErrorData } from "@/engine/errors";
import { runFunction, type RunOutcome } from "@/engine/interpreter";
import type { EnginePorts } from "@/engine/ports";
import type { Db } from "../db/client";
import type { DefinitionCache } from "../runtime/definition-cache";
import { loadFunctionHead } from "../runtime/function-head";
import { recordOutcome, type RunWriter } from "../runtime/run-writer";
import type { HotPath } from "../storage/hot-path";
import type { RunSource } from "./runs";

export type ExecuteOutcome =
  | { found: false }
  | { found: true; runId: string; outcome: RunOutcome };

export interface ExecuteDeps {
  db: Db;
  portsFor: (appId: string) => EnginePorts;
  definitions: DefinitionCache;
  runs: RunWriter;
  hot?: HotPath | null;
}

/**
 * Runs the saved, current version of a function and stores the run. A stored definition that
 * no longer validates is never executed: the run fails with INVALID_DEFINITION.
 */
export async function executeFunction(
  { db, portsFor, definitions, runs, hot }: ExecuteDeps,
  fnId: string,
  params: Record<string, unknown>,
  source: RunSource,
): Promise<ExecuteOutcome> {
  const f = await loadFunctionHead(db, definitions, fnId, undefined, hot);
  if (!f) return { found: false };
  const outcome: RunOutcome = f.loaded.ok
    ? await runFunction(f.loaded.definition, params, portsFor(f.appId), { functionId: f.id })
    : { status: "error", error: invalidDefinition(f.loaded.message), trace: [], logs: [], durationMs: 0 };
  const runId = recordOutcome(runs, { functionId: f.id, appId: f.appId, functionVersion: f.currentVersion, source, input: params }, outcome);
  return { found: true, runId, outcome };
}

function invalidDefinition(message: string): EngineErrorData {
  return { code: "INVALID_DEFINITION", message: "The stored function is not valid and cannot run", status: 500, detail: message };
}
