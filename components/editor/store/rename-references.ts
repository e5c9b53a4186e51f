import { Block, type FunctionDefinition } from "@/engine/model";
import { renameInCode, renameInTemplate, type Renames } from "./rename-identifiers";

/**
 * `value` with `f` applied to every string leaf (object keys untouched), sharing every
 * sub-tree that did not change; the same reference when nothing changed.
 */
export function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) {
    const next = value.map((v) => mapStrings(v, f));
    return next.some((v, i) => v !== value[i]) ? next : value;
  }
  if (typeof value === "object" && value !== null) {
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      next[k] = mapStrings(v, f);
      if (next[k] !== v) changed = true;
    }
    return changed ? next : value;
  }
  return value;
}

/**
 * The block with the references in `renames` rewritten: a code block's source as JavaScript or
 * Python, every other string of any other config as a `{{ }}` template. Object keys (such as a
 * call block's argument names, which are the called function's parameters) are not references.
 */
export function renameReferencesInBlock(block: Block, renames: Renames): Block {
  if (renames.size === 0) return block;
  if (block.type === "code") {
    const source = renameInCode(block.config.source, block.config.language, renames);
    return source === block.config.source ? block : { ...block, config: { ...block.config, source } };
  }
  const config = mapStrings(block.config, (s) => renameInTemplate(s, renames));
  // Re-parsing gives back a typed block; only string leaves changed, so it cannot fail.
  return config === block.config ? block : Block.parse({ ...block, config });
}

/** Every block of `def` with the references in `renames` rewritten. */
export function renameReferences(def: FunctionDefinition, renames: Renames): FunctionDefinition["graph"]["blocks"] {
  return def.graph.blocks.map((b) => renameReferencesInBlock(b, renames));
}
