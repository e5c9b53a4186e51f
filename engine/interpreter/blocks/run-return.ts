import { resolveTemplates } from "../../expressions";
import type { BlockOf } from "../../model";
import { blockEvaluator, type BlockContext, type BlockResult } from "../block-context";

/** A return block: `{{ expr }}` gives the value itself, mixed text a string, plain text itself. */
export async function runReturn(b: BlockContext<BlockOf<"return">>): Promise<BlockResult> {
  const value = await resolveTemplates(b.block.config.value, blockEvaluator(b), { mode: "value" });
  return { data: value === undefined ? null : value, returned: true, trusted: true };
}
