import { EngineError } from "../errors";
import { sandboxEvaluator, type Evaluate } from "../expressions";
import type { Block } from "../model";
import type { LogEntry, SandboxLimits, SandboxResult, Scope } from "../sandbox/types";
import type { RunContext } from "./run-context";
import { scopeFor } from "./scope-for";

/** One attempt of one block, as block runners see it. */
export interface BlockContext<B extends Block = Block> {
  run: RunContext;
  block: B;
  /** The whole scope; runners hand the sandbox `scopeFor(block, scope)`. */
  scope: Scope;
  signal: AbortSignal;
  iteration?: number;
  /** Adds sandbox logs that were captured by a call started at clock time `callStart`. */
  log(entries: readonly LogEntry[], callStart: number, truncated?: boolean): void;
}

/** What a block runner gives back; failures are thrown (EngineError, or FatalBlockError). */
export interface BlockResult {
  data: unknown;
  /** The port that fires; `next` when absent. */
  port?: string;
  /** A return block: ends its region with `data`. */
  returned?: boolean;
  /** Published as `name.metadata` (query blocks: REST status and headers, SQL row counts). */
  metadata?: Record<string, unknown>;
  /** The data came out of JSON.parse (a sandbox), so it needs no strict JSON walk. */
  trusted?: boolean;
}

export function sandboxLimits(b: BlockContext): SandboxLimits {
  const { limits } = b.run;
  return {
    timeoutMs: b.block.timeoutMs ?? limits.blockTimeoutMs,
    memoryBytes: limits.memoryBytes,
    // What is left of the run's log budget: a sandbox never captures (or ships back) more.
    maxLogBytes: b.run.budget.logs.remaining(),
    maxOutputBytes: limits.maxOutputBytes,
  };
}

/** The value of a sandbox result, or its error thrown as an EngineError naming the block. */
export function unwrapSandbox(b: BlockContext, res: SandboxResult, callStart: number): unknown {
  b.log(res.logs, callStart, res.logsTruncated);
  if (res.ok) return res.value;
  const e = res.error;
  throw new EngineError(e.code, e.message, { block: e.block ?? b.block.name, status: e.status, data: e.data, detail: e.detail });
}

/** Evaluates `{{ }}` bodies for this block in one sandbox call each time it is called. */
export function blockEvaluator(b: BlockContext): Evaluate {
  return async (expressions) => {
    const logs: LogEntry[] = [];
    const callStart = b.run.clock.now();
    try {
      return await sandboxEvaluator({
        sandbox: b.run.ports.js,
        scope: scopeFor(b.block, b.scope),
        limits: sandboxLimits(b),
        signal: b.signal,
        logs,
        block: b.block.name,
      })(expressions);
    } finally {
      b.log(logs, callStart);
    }
  };
}
