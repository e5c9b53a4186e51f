import type { BlockType } from "../model";
import type { Scope } from "../sandbox/types";
import { executeBlock } from "./execute-block";
import type { RunContext } from "./run-context";
import type { RegionHooks } from "./run-region";

/** Blocks whose data can be "the data of the last block run"; start, branches and handlers only steer. */
const RESULT_TYPES: ReadonlySet<BlockType> = new Set(["code", "query", "loop", "callFunction", "return"]);

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
    countsAsResult: (id) => RESULT_TYPES.has(blockOf(id).type),
  };
}
