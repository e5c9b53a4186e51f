import type { BlockOf, BlockType } from "../../model";
import type { BlockContext, BlockResult } from "../block-context";
import { runBranch } from "./run-branch";
import { runCallFunction } from "./run-call-function";
import { runCode } from "./run-code";
import { runLoop } from "./run-loop";
import { runQuery } from "./run-query";
import { runReturn } from "./run-return";

/** How the interpreter runs one attempt of a block of type `K`. */
export interface BlockExecutor<K extends BlockType> {
  run(b: BlockContext<BlockOf<K>>): Promise<BlockResult>;
  /** The block enforces its `timeoutMs` itself (code: inside the sandbox), so the host sets no deadline. */
  ownTimeout?: boolean;
}

/** One executor per block type; the mapped type makes a missing one a compile error. */
const EXECUTORS: { readonly [K in BlockType]: BlockExecutor<K> } = {
  // Start's data is the validated input; a handler's, the error.
  start: { run: (b) => Promise.resolve({ data: b.run.input, trusted: true }) },
  errorHandler: { run: (b) => Promise.resolve({ data: b.scope.error ?? null }) },
  code: { run: runCode, ownTimeout: true },
  query: { run: runQuery },
  branch: { run: runBranch },
  loop: { run: runLoop },
  callFunction: { run: runCallFunction },
  return: { run: runReturn },
};

/** The executor of `type`; `K` ties it to a context of the same type (see `runBlock`). */
export function executorOf<K extends BlockType>(type: K): BlockExecutor<K> {
  return EXECUTORS[type];
}

function runWith<K extends BlockType>(type: K, b: BlockContext<BlockOf<K>>): Promise<BlockResult> {
  return EXECUTORS[type].run(b);
}

/** Runs one attempt of any block type. */
export function runBlock(b: BlockContext): Promise<BlockResult> {
  return runWith(b.block.type, b);
}
