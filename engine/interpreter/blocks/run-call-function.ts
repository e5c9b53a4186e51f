import { EngineError } from "../../errors";
import { resolveTemplates } from "../../expressions";
import type { BlockOf } from "../../model";
import type { LogEntry } from "../../sandbox/types";
import { blockEvaluator, type BlockContext, type BlockResult } from "../block-context";

/** How deep call-function blocks may nest. */
export const MAX_CALL_DEPTH = 8;

/**
 * A call-function block: runs another function of the app with its args (templates, a single
 * `{{ }}` giving the value itself) and takes its result as data. The callee's failure becomes
 * this block's, with the callee's code, status and data; its bad-input or bad-graph errors are
 * this function's fault, so they become BLOCK_FAILED (500), not a 400 for the outside caller.
 */
export async function runCallFunction(b: BlockContext<BlockOf<"callFunction">>): Promise<BlockResult> {
  const { block, run } = b;
  if (run.depth + 1 > MAX_CALL_DEPTH) {
    throw new EngineError("BLOCK_LIMIT", `Function calls nest deeper than ${MAX_CALL_DEPTH} levels`, { block: block.name });
  }
  if (!run.ports.functions) throw new EngineError("NOT_CONFIGURED", "Calling functions is not available here", { block: block.name });
  const target = await run.ports.functions.load(block.config.functionId);
  if (!target) {
    throw new EngineError(
      "CALLED_FUNCTION_MISSING",
      `The block "${block.name}" calls a function that does not exist in this app (id "${block.config.functionId}"): it was deleted or the id is wrong. Choose the function to call in the block.`,
      { block: block.name, data: { functionId: block.config.functionId } },
    );
  }
  const input = await resolveTemplates(block.config.args, blockEvaluator(b), { mode: "value" });
  const started = run.clock.now();
  const sub = await run.runNested(target.definition, input, b.signal, target.id);
  const logs: LogEntry[] = sub.logs.map((l) => ({ level: l.level, message: `[${target.name}.${l.block}] ${l.message}`, t: l.t }));
  b.log(logs, started);
  if (sub.status === "ok") return { data: sub.result ?? null, trusted: true };
  const e = sub.error ?? { code: "INTERNAL", message: "The called function failed", status: 500 };
  const ours = e.code === "INVALID_PARAMS" || e.code === "INVALID_GRAPH";
  const where = `in ${target.name}${e.block ? `.${e.block}` : ""}`;
  throw new EngineError(ours ? "BLOCK_FAILED" : e.code, ours ? `${target.name}: ${e.message}` : e.message, {
    block: block.name,
    status: ours ? 500 : e.status,
    data: e.data,
    detail: `${where}: ${e.detail ?? e.message}`,
  });
}
