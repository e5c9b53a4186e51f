import type { EngineErrorData } from "../errors";
import type { Scope } from "../sandbox/types";
import type { RunContext } from "./run-context";
import type { RegionOutcome } from "./types";

export type RunResult = { ok: true; value: unknown; block?: string } | { ok: false; error: EngineErrorData };

/**
 * Global error routing, after the main region failed with no error edge to follow: the error
 * handler's path runs with `error` in scope. Reaching a return there makes the run succeed with
 * its value; anything else (no handler, a fatal error, no return, a failure on the handler's
 * path) fails the run with the original error.
 */
export async function routeToHandler(ctx: RunContext, failure: Extract<RegionOutcome, { kind: "failed" }>, scope: Scope, signal: AbortSignal): Promise<RunResult> {
  const original: RunResult = { ok: false, error: failure.error };
  const handler = ctx.graph.handler;
  if (!handler || failure.fatal || signal.aborted) return original;
  const o = await ctx.runRegion(handler, { ...scope, error: failure.error }, signal);
  if (o.kind === "returned") return { ok: true, value: o.value, block: ctx.graph.byId.get(o.blockId)?.name };
  return original;
}
