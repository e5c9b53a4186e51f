import { EngineError } from "../../errors";
import { templateToExpression } from "../../expressions";
import type { BlockOf } from "../../model";
import { blockEvaluator, type BlockContext, type BlockResult } from "../block-context";
import { errorFromData } from "../error-from-data";
import { FatalBlockError } from "../run-context";

function kindOf(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/**
 * A loop: its source must be an array; the body region runs once per item, one after another,
 * with `item` and `index` in scope and the body's names visible to later body blocks of the same
 * iteration. An iteration's result is its return block's value, else the data of its last block
 * run; the loop's data is the array of them. A body failure with no error edge fails the loop.
 */
export async function runLoop(b: BlockContext<BlockOf<"loop">>): Promise<BlockResult> {
  const { block } = b;
  const [items] = await blockEvaluator(b)([templateToExpression(block.config.source)]);
  if (!Array.isArray(items)) {
    throw new EngineError("BLOCK_FAILED", `The source of loop "${block.name}" must be an array, not ${kindOf(items)}`, { block: block.name });
  }
  if (items.length > block.config.maxIterations) {
    const message = `Loop "${block.name}" has ${items.length} items, over its limit of ${block.config.maxIterations} iterations`;
    throw new EngineError("BLOCK_LIMIT", message, { block: block.name });
  }
  const body = b.run.graph.bodies.get(block.id);
  if (!body) throw new EngineError("INVALID_GRAPH", `Loop "${block.name}" has no body`, { block: block.name });
  const results: unknown[] = [];
  // The loop's data is checked against maxOutputBytes when it ends; count it as it grows, so a
  // loop whose results will be refused stops at the iteration that crosses the limit instead of
  // holding every result first. Sizes come from each block's own output check ("null" = 4).
  // The results are held against the run's data budget while they are collected (and each
  // iteration's scope released when it ends); the loop's data is then held as any block's.
  const max = b.run.limits.maxOutputBytes;
  const data = b.run.budget.data;
  const collecting = {};
  let size = 2;
  try {
    for (let index = 0; index < items.length; index++) {
      const scope = { ...b.scope, item: items[index], index };
      const o = await b.run.runRegion(body, scope, b.signal, index).finally(() => data.release(scope));
      if (o.kind === "failed") throw o.fatal ? new FatalBlockError(o.error) : errorFromData(o.error);
      results.push(o.kind === "returned" ? o.value : (o.last?.data ?? null));
      const itemSize = ((o.kind === "returned" ? o.size : o.last?.size) ?? 4) + (index > 0 ? 1 : 0);
      size += itemSize;
      if (size > max) {
        const message = `The data of "${block.name}" is over the limit of ${max} bytes after ${index + 1} of ${items.length} iterations`;
        throw new EngineError("OUTPUT_TOO_LARGE", message, { block: block.name });
      }
      data.hold(collecting, itemSize, block.name);
    }
  } finally {
    data.release(collecting);
  }
  return { data: results, trusted: true };
}
