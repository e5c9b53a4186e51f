import { templateToExpression } from "../../expressions";
import type { BlockOf } from "../../model";
import { blockEvaluator, type BlockContext, type BlockResult } from "../block-context";

const programs = new WeakMap<BlockOf<"branch">, string>();

/**
 * One expression that tests the cases in order and stops at the first truthy one, so a later
 * condition that would throw (`user.age` when `user` is null) is never evaluated.
 */
function program(block: BlockOf<"branch">): string {
  let p = programs.get(block);
  if (p === undefined) {
    const tests = block.config.cases.map((c, i) => `if ((\n${templateToExpression(c.condition)}\n)) return ${i};`);
    p = `(() => { ${tests.join(" ")} return -1; })()`;
    programs.set(block, p);
  }
  return p;
}

/** A branch: the first truthy case's port fires, else `else`. Its data is the port taken. */
export async function runBranch(b: BlockContext<BlockOf<"branch">>): Promise<BlockResult> {
  const [taken] = await blockEvaluator(b)([program(b.block)]);
  const match = typeof taken === "number" ? b.block.config.cases[taken] : undefined;
  const port = match ? match.id : "else";
  return { data: port, port, trusted: true };
}
