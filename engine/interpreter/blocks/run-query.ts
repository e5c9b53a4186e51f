import { EngineError } from "../../errors";
import { renderTemplates } from "../../expressions";
import type { BlockOf } from "../../model";
import { blockEvaluator, type BlockContext, type BlockResult } from "../block-context";
import { scopeFor } from "../scope-for";

/**
 * A query block: templates in the config are rendered as text, except a SQL statement, which
 * the resource binds itself (its `{{ }}` become parameters) through `evaluate`.
 */
export async function runQuery(b: BlockContext<BlockOf<"query">>): Promise<BlockResult> {
  const resources = b.run.ports.resources;
  const name = b.block.name;
  if (!resources) throw new EngineError("NOT_CONFIGURED", "Resource queries are not available on this server", { block: name });
  const raw = b.block.config;
  const evaluate = blockEvaluator(b);
  const config = await renderTemplates(raw, evaluate, (path) => raw.kind === "sql" && path[0] === "statement");
  try {
    const { data, metadata } = await resources.execute(config.resourceId, config, { scope: scopeFor(b.block, b.scope), signal: b.signal, block: name, evaluate });
    return { data, metadata };
  } catch (err) {
    if (err instanceof EngineError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new EngineError("RESOURCE_FAILED", message, { block: name, cause: err, detail: err instanceof Error ? err.stack : undefined });
  }
}
