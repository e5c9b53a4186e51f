import { EngineError } from "../errors";
import type { CodeSandbox, LogEntry, SandboxLimits, Scope } from "../sandbox/types";
import type { Evaluate } from "./resolve-templates";

export interface EvaluatorContext {
  sandbox: CodeSandbox;
  scope: Scope;
  limits: SandboxLimits;
  signal?: AbortSignal;
  /** Receives the console output of expressions. */
  logs?: LogEntry[];
  /** Named on errors. */
  block?: string;
}

/**
 * An `Evaluate` backed by the sandbox: one `expressions` request per call, never eval in the
 * host. A sandbox failure is thrown as an EngineError naming the block.
 */
export function sandboxEvaluator(ctx: EvaluatorContext): Evaluate {
  return async (expressions) => {
    if (expressions.length === 0) return [];
    const res = await ctx.sandbox.run({ kind: "expressions", expressions, scope: ctx.scope, limits: ctx.limits }, ctx.signal);
    if (ctx.logs) for (const l of res.logs) ctx.logs.push(l);
    if (!res.ok) {
      const e = res.error;
      throw new EngineError(e.code, e.message, { block: e.block ?? ctx.block, status: e.status, data: e.data, detail: e.detail });
    }
    if (!Array.isArray(res.value) || res.value.length !== expressions.length) {
      throw new EngineError("INTERNAL", "The sandbox answered expressions with the wrong number of values", { block: ctx.block });
    }
    return res.value;
  };
}
