import { descriptorOf, isEntry, type CodeLanguage } from "@/engine/blocks";
import { Block, type BlockType, type FunctionDefinition, type Position } from "@/engine/model";
import { refuse, withGraph, type CreateResult } from "./edit-result";
import { takenNames, uniqueId, uniqueName } from "./unique-names";

export interface AddBlockOptions {
  /** The loop whose body the block joins; its position is then relative to the loop. */
  parentId?: string;
  /** For code blocks. */
  language?: CodeLanguage;
}

/** Why a block of `type` cannot sit in `parentId`, or null. */
export function parentProblem(def: FunctionDefinition, type: BlockType, parentId: string | undefined): string | null {
  if (parentId === undefined) return null;
  const parent = def.graph.blocks.find((b) => b.id === parentId);
  if (!parent || parent.type !== "loop") return "Blocks can only be placed inside a loop";
  if (isEntry(type)) return `A ${type} block cannot sit inside a loop`;
  return null;
}

/**
 * Adds a block of `type` at `position` with a fresh id, a unique name (`code1`, `query2`,
 * `errorHandler`…) and the default config of its type, all from the type's descriptor. It is not connected: the caller (or the
 * builder) draws its edges.
 */
export function addBlock(
  def: FunctionDefinition,
  type: BlockType,
  position: Position,
  opts: AddBlockOptions = {},
): CreateResult {
  const problem = parentProblem(def, type, opts.parentId);
  if (problem) return refuse(def, problem);
  const kind = descriptorOf(type);
  const name = uniqueName(kind.nameStem, takenNames(def), kind.bareFirstName);
  const id = uniqueId(name, new Set(def.graph.blocks.map((b) => b.id)));
  const block = Block.parse({
    id,
    name,
    type,
    position: { x: position.x, y: position.y },
    ...(opts.parentId !== undefined ? { parentId: opts.parentId } : {}),
    config: kind.defaultConfig({ language: opts.language }),
  });
  return { ok: true, id, def: withGraph(def, { blocks: [...def.graph.blocks, block] }) };
}
