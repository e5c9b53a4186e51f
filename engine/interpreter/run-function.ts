import { frozenCurrentUser } from "../contract/current-user";
import { EngineError, toErrorData, type EngineErrorData } from "../errors";
import type { FunctionDefinition, Limits } from "../model";
import { validateInput } from "../params";
import type { Clock, EnginePorts } from "../ports";
import { checkOutput } from "./check-output";
import { executeRun } from "./execute-run";
import { prepareDefinition } from "./prepare-definition";
import { realClock } from "./real-clock";
import { regionHooks } from "./region-hooks";
import type { RunResult } from "./route-to-handler";
import type { RunContext } from "./run-context";
import { createRunBudget } from "./run-budget";
import { runRegion } from "./run-region";
import { startRunGuard } from "./run-guard";
import { createTraceRecorder, type TraceRecorder } from "./trace-recorder";
import type { RunOptions, RunOutcome } from "./types";

/**
 * Runs a function: validates the input (INVALID_PARAMS) and the graph (INVALID_GRAPH) before
 * any block runs, then runs the graph under the run's time limit and the caller's signal, and
 * hands back the JSON result or the structured error with the trace and logs. Never throws.
 */
export async function runFunction(definition: FunctionDefinition, input: unknown, ports: EnginePorts, options: RunOptions = {}): Promise<RunOutcome> {
  const clock = ports.clock ?? realClock;
  const started = clock.now();
  const trace = createTraceRecorder(clock, started);
  const end = (r: RunResult) => finish(r, trace, clock, started, definition.limits);
  const checked = validateInput(definition.params, input);
  if (!checked.ok) return end(failure("INVALID_PARAMS", "The parameters are not valid", checked.issues));
  const prepared = prepareDefinition(definition);
  if (!prepared.ok) return end(failure("INVALID_GRAPH", "The function's graph cannot run", prepared.problems));
  const guard = startRunGuard(definition.timeoutMs, clock, ports.signal, () => trace.running()[0]);
  const depth = options.depth ?? 0;
  const currentUser = frozenCurrentUser(options.currentUser);
  const budget = createRunBudget(definition.limits.maxLogBytes, options.parentBudget);
  const ctx: RunContext = {
    definition, graph: prepared.graph, ports, clock, limits: definition.limits, depth, input: checked.value, currentUser, trace, budget,
    executions: { count: 0 },
    runRegion: (region, scope, signal, iteration) => runRegion(region, regionHooks(ctx, scope, iteration), signal),
    runNested: (def, args, signal, functionId) =>
      runFunction(def, args, { ...ports, signal }, { depth: depth + 1, functionId, currentUser, parentBudget: budget }),
  };
  try {
    if (guard.signal.aborted) return end({ ok: false, error: await guard.stopped });
    const stopped = guard.stopped.then((error): RunResult => ({ ok: false, error }));
    return end(await Promise.race([executeRun(ctx, guard.signal).catch((err: unknown): RunResult => ({ ok: false, error: toErrorData(err) })), stopped]));
  } finally {
    guard.dispose();
  }
}

function failure(code: "INVALID_PARAMS" | "INVALID_GRAPH", message: string, data: unknown): RunResult {
  return { ok: false, error: new EngineError(code, message, { data }).toData() };
}

/** The result through a JSON round trip (already checked per block), the trace sealed. */
function finish(r: RunResult, trace: TraceRecorder, clock: Clock, started: number, limits: Limits): RunOutcome {
  let status: RunOutcome["status"] = "ok";
  let result: unknown;
  let error: EngineErrorData | undefined;
  if (r.ok) {
    try {
      result = JSON.parse(checkOutput(r.value, r.block ?? "result", limits.maxOutputBytes, false).json);
    } catch (err) {
      status = "error";
      error = toErrorData(err, r.block);
    }
  } else {
    status = "error";
    error = r.error;
  }
  trace.seal(status === "error" ? error : undefined);
  const outcome: RunOutcome = { status, trace: trace.entries, logs: trace.logs(), durationMs: clock.now() - started };
  if (trace.omitted() > 0) outcome.traceOmitted = trace.omitted();
  if (status === "ok") outcome.result = result;
  else outcome.error = error;
  return outcome;
}
