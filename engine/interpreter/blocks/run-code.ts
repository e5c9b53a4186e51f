import { EngineError } from "../../errors";
import type { BlockOf } from "../../model";
import { sandboxLimits, unwrapSandbox, type BlockContext, type BlockResult } from "../block-context";
import { scopeFor } from "../scope-for";

/** A code block: the source runs as an async function body in the language's sandbox. */
export async function runCode(b: BlockContext<BlockOf<"code">>): Promise<BlockResult> {
  const { language, source } = b.block.config;
  const sandbox = language === "javascript" ? b.run.ports.js : b.run.ports.python;
  if (!sandbox) {
    throw new EngineError("NOT_CONFIGURED", `${language} is not available on this server`, { block: b.block.name });
  }
  const callStart = b.run.clock.now();
  const res = await sandbox.run({ kind: "code", source, scope: scopeFor(b.block, b.scope), limits: sandboxLimits(b) }, b.signal);
  return { data: unwrapSandbox(b, res, callStart), trusted: true };
}
