import { TestRunInput } from "@/engine/contract/runs";
import { runFunction, type RunOutcome } from "@/engine/interpreter";
import { loadDefinition } from "@/engine/model";
import type { EnginePorts } from "@/engine/ports";
import type { Db } from "../db/client";
import { recordOutcome, type RunWriter } from "../runtime/run-writer";
import { ServiceError, parseInput } from "./errors";
import type { ExecuteOptions } from "./execute";

/**
 * Test: runs the editor's current definition (saved or not) and records the run with source
 * `test`. A definition that does not parse is a 400 naming the problem; one whose graph has
 * problems runs into INVALID_GRAPH, with the problems in the error's data. The draft runs
 * for `caller` (`currentUser` in its scope; null without one), and the run records who pressed
 * Test, as a call's run does.
 */
export async function testRun(
  deps: { db: Db; ports: EnginePorts; runs: RunWriter },
  functionId: string,
  body: unknown,
  { caller = null }: Pick<ExecuteOptions, "caller"> = {},
): Promise<{ runId: string | null; outcome: RunOutcome }> {
  const { definition, input } = parseInput(TestRunInput, body);
  const f = await deps.db.function.findUnique({ where: { id: functionId }, select: { id: true, appId: true } });
  if (!f) throw new ServiceError("NOT_FOUND", "Function not found");
  const loaded = loadDefinition(definition);
  if (!loaded.ok) throw new ServiceError("VALIDATION", `Invalid definition: ${loaded.message}`, { field: "definition", data: { issues: loaded.issues } });
  const outcome = await runFunction(loaded.definition, input, deps.ports, { functionId: f.id, currentUser: caller });
  const runId = recordOutcome(
    deps.runs,
    { functionId: f.id, appId: f.appId, functionVersion: null, source: "test", input, userId: caller?.id ?? null, userEmail: caller?.email ?? null },
    outcome,
  );
  return { runId, outcome };
}
