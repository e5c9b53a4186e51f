import { portsOf } from "@/engine/graph";
import { Block, type BlockType, type FunctionDefinition, type RetryPolicy } from "@/engine/model";
import type { z } from "zod";
import { refuse, withGraph, type EditResult } from "./edit-result";

/**
 * A change to a block's settings. `config` is merged shallowly into the current config (so
 * `{ source }` edits a code block; a query's `kind` change drops the old kind's fields, which the
 * schema strips). `null` clears `timeoutMs` / `retry`. Name, id, type and parent have their own
 * operations.
 */
/** A block as callers write it: schema defaults (a case's `label`, a query's `rowLimit`…) optional. */
type BlockInputOf<T extends BlockType> = Extract<z.input<typeof Block>, { type: T }>;

export interface BlockPatch<T extends BlockType = BlockType> {
  config?: Partial<NonNullable<BlockInputOf<T>["config"]>>;
  timeoutMs?: number | null;
  retry?: Partial<RetryPolicy> | null;
}

function patched(block: Block, patch: BlockPatch): Record<string, unknown> {
  const { timeoutMs, retry, ...rest } = block;
  const next: Record<string, unknown> = { ...rest, config: { ...block.config, ...patch.config } };
  const t = patch.timeoutMs === undefined ? timeoutMs : patch.timeoutMs;
  if (t !== null && t !== undefined) next.timeoutMs = t;
  const r = patch.retry === undefined ? retry : patch.retry === null ? null : { ...retry, ...patch.retry };
  if (r !== null && r !== undefined) next.retry = r;
  return next;
}

/**
 * Applies `patch` to the block `id` and validates the result with the `Block` schema: an invalid
 * result is refused with the schema's message. When a branch loses a case, the edges that left
 * through that case are removed with it (they would point from a port that no longer exists).
 */
export function updateBlock(def: FunctionDefinition, id: string, patch: BlockPatch): EditResult {
  const block = def.graph.blocks.find((b) => b.id === id);
  if (!block) return refuse(def, `No block with id "${id}"`);
  const parsed = Block.safeParse(patched(block, patch));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join(".")}: ` : "";
    return refuse(def, `${where}${issue?.message ?? "Invalid block"}`);
  }
  const next = parsed.data;
  const ports = new Set(portsOf(next));
  const edges = def.graph.edges.filter((e) => e.source !== id || ports.has(e.port));
  return {
    ok: true,
    def: withGraph(def, {
      blocks: def.graph.blocks.map((b) => (b.id === id ? next : b)),
      ...(edges.length !== def.graph.edges.length ? { edges } : {}),
    }),
  };
}
