import type { BlockContext, BlockResult } from "../block-context";
import { runBranch } from "./run-branch";
import { runCallFunction } from "./run-call-function";
import { runCode } from "./run-code";
import { runLoop } from "./run-loop";
import { runQuery } from "./run-query";
import { runReturn } from "./run-return";

/** Runs one attempt of any block type. Start's data is the validated input; a handler's, the error. */
export function runBlock(b: BlockContext): Promise<BlockResult> {
  const { block } = b;
  switch (block.type) {
    case "start":
      return Promise.resolve({ data: b.run.input, trusted: true });
    case "errorHandler":
      return Promise.resolve({ data: b.scope.error ?? null });
    case "code":
      return runCode({ ...b, block });
    case "query":
      return runQuery({ ...b, block });
    case "branch":
      return runBranch({ ...b, block });
    case "loop":
      return runLoop({ ...b, block });
    case "callFunction":
      return runCallFunction({ ...b, block });
    case "return":
      return runReturn({ ...b, block });
  }
}
