import type { FrozenCurrentUser } from "../contract/current-user";
import type { EngineErrorData } from "../errors";
import type { CompiledGraph, Region } from "../graph";
import type { FunctionDefinition, Limits } from "../model";
import type { Clock, EnginePorts } from "../ports";
import type { Scope } from "../sandbox/types";
import type { RunBudget } from "./run-budget";
import type { TraceRecorder } from "./trace-recorder";
import type { RegionOutcome, RunOutcome } from "./types";

/**
 * Everything one run shares, built by the facade and passed down explicitly. The two callbacks
 * let blocks run nested work (loop bodies, other functions) without importing the facade.
 */
export interface RunContext {
  definition: FunctionDefinition;
  graph: CompiledGraph;
  ports: EnginePorts;
  clock: Clock;
  limits: Limits;
  depth: number;
  /** The validated input: the start block's data. */
  input: Record<string, unknown>;
  /** In scope as `currentUser`: who the run is for, or null. */
  currentUser: FrozenCurrentUser | null;
  trace: TraceRecorder;
  /** What the run may keep in memory (logs, trace previews), counted as it arrives. */
  budget: RunBudget;
  /** Block executions so far, loop iterations and all. */
  executions: { count: number };
  runRegion(region: Region, scope: Scope, signal: AbortSignal, iteration?: number): Promise<RegionOutcome>;
  runNested(definition: FunctionDefinition, input: unknown, signal: AbortSignal, functionId: string): Promise<RunOutcome>;
}

/** Thrown by a block to end the run regardless of error edges and handlers (a limit was hit). */
export class FatalBlockError extends Error {
  constructor(readonly data: EngineErrorData) {
    super(data.message);
    this.name = "FatalBlockError";
  }
}
