import type { FunctionDefinition } from "@/engine/model";
import { refuse, withGraph, type EditResult } from "./edit-result";
import { renameReferencesInBlock } from "./rename-references";
import { nameProblem } from "./unique-names";

/**
 * Renames block `id` to `newName` (an identifier, not reserved, unique among blocks and
 * parameters) and rewrites every reference to the old name in every block: `{{ }}` templates
 * and code sources (see README, "Reference rename rule").
 */
export function renameBlock(def: FunctionDefinition, id: string, newName: string): EditResult {
  const block = def.graph.blocks.find((b) => b.id === id);
  if (!block) return refuse(def, `No block with id "${id}"`);
  if (block.name === newName) return { ok: true, def };
  const problem = nameProblem(def, newName, { blockId: id });
  if (problem) return refuse(def, problem);
  const renames = new Map([[block.name, newName]]);
  const blocks = def.graph.blocks.map((b) => renameReferencesInBlock(b.id === id ? { ...b, name: newName } : b, renames));
  return { ok: true, def: withGraph(def, { blocks }) };
}
