import { descriptorOf } from "../blocks";
import type { Scope } from "../sandbox/types";
import { executeBlock } from "./execute-block";
import type { RunContext } from "./run-context";
import type { RegionHooks } from "./run-region";

/** Connects the type-blind scheduler to block execution, tracing and one scope. */
export function regionHooks(ctx: RunContext, scope: Scope, iteration?: number): RegionHooks {
  const blockOf = (id: string) => {
    const block = ctx.graph.byId.get(id);
    if (!block) throw new Error(`Compiled graph has no block ${id}`);
    return block;
  };
  return {
    execute: (id, signal) => executeBlock(ctx, blockOf(id), scope, signal, iteration),
    skip: (id) => ctx.trace.skip(blockOf(id), iteration),
    abandon: (id) => ctx.trace.abandon(id),
    // Start, branches and handlers only steer; their descriptors say they produce no result.
    countsAsResult: (id) => descriptorOf(blockOf(id).type).producesResult,
  };
}
