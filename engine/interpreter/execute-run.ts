import type { Scope } from "../sandbox/types";
import { routeToHandler, type RunResult } from "./route-to-handler";
import type { RunContext } from "./run-context";

/**
 * Parameters by name (an optional one not given is null), every block as
 * `{ data: null, error: null, metadata: null }` until it finishes, so a skipped block reads as null rather than
 * failing with a ReferenceError, and `currentUser` (a reserved name: no block or parameter
 * can take it, and it is set last).
 */
function rootScope(ctx: RunContext): Scope {
  const { definition: def, input } = ctx;
  const scope: Scope = {};
  for (const b of def.graph.blocks) scope[b.name] = { data: null, error: null, metadata: null };
  for (const p of def.params) scope[p.name] = input[p.name] === undefined ? null : input[p.name];
  scope.currentUser = ctx.currentUser;
  return scope;
}

/**
 * The run proper: the main region from start; its return value, else the data of the last block
 * run; a failure nothing routed goes to the error handler.
 */
export async function executeRun(ctx: RunContext, signal: AbortSignal): Promise<RunResult> {
  const scope = rootScope(ctx);
  try {
    const main = await ctx.runRegion(ctx.graph.main, scope, signal);
    const nameOf = (id: string) => ctx.graph.byId.get(id)?.name;
    if (main.kind === "returned") return { ok: true, value: main.value, block: nameOf(main.blockId) };
    if (main.kind === "completed") return { ok: true, value: main.last?.data ?? null, block: main.last ? nameOf(main.last.blockId) : undefined };
    return await routeToHandler(ctx, main, scope, signal);
  } finally {
    // A called function's scope goes with its run; its caller now holds only the result.
    ctx.budget.data.release(scope);
  }
}
