import { isEntry } from "@/engine/blocks";
import { Block, Edge, type FunctionDefinition, type Position } from "@/engine/model";
import { z } from "zod";
import { newEdgeId } from "./connect";
import { withGraph } from "./edit-result";
import { withDescendants } from "./remove-blocks";
import { renameReferencesInBlock } from "./rename-references";
import { nameStem, takenNames, uniqueId, uniqueName } from "./unique-names";

/** Copied blocks with the edges among them; plain JSON, so it can go through the system clipboard. */
export const Clipboard = z.object({
  kind: z.literal("lathe/blocks"),
  blocks: z.array(Block),
  edges: z.array(Edge),
});
export type Clipboard = z.infer<typeof Clipboard>;

/** A clipboard from untrusted JSON (the system clipboard), or null when it is not one. */
export function parseClipboard(raw: unknown): Clipboard | null {
  const parsed = Clipboard.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Copies blocks `ids` (a copied loop brings its body) and the edges among them. The start
 * block is never copied: a function has one.
 */
export function copyBlocks(def: FunctionDefinition, ids: readonly string[]): Clipboard {
  const picked = withDescendants(def.graph.blocks, ids);
  const blocks = def.graph.blocks.filter((b) => picked.has(b.id) && b.type !== "start");
  const kept = new Set(blocks.map((b) => b.id));
  const edges = def.graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return { kind: "lathe/blocks", blocks, edges };
}

export interface PasteOptions {
  /** The loop to paste into; blocks whose copied parent was not copied land there (else top level). */
  parentId?: string;
}

interface Identity {
  ids: Map<string, string>;
  renames: Map<string, string>;
}

/** Fresh ids for every pasted block, and new names for those whose name is taken. */
function freshIdentities(def: FunctionDefinition, blocks: readonly Block[]): Identity {
  const takenIds = new Set(def.graph.blocks.map((b) => b.id));
  const names = takenNames(def);
  const ids = new Map<string, string>();
  const renames = new Map<string, string>();
  for (const b of blocks) {
    const id = uniqueId(b.id, takenIds);
    takenIds.add(id);
    ids.set(b.id, id);
    const name = names.has(b.name) ? uniqueName(nameStem(b.name), names) : b.name;
    names.add(name);
    if (name !== b.name) renames.set(b.name, name);
  }
  return { ids, renames };
}

function placed(b: Block, who: Identity, offset: Position, parentId: string | undefined): Block {
  const copiedParent = b.parentId === undefined ? undefined : who.ids.get(b.parentId);
  const next: Block = { ...b, id: who.ids.get(b.id) ?? b.id, name: who.renames.get(b.name) ?? b.name };
  // An entry (an error handler; start is never pasted) belongs to the whole function: it never lands inside a loop.
  const parent = copiedParent ?? (isEntry(b.type) ? undefined : parentId);
  if (parent === undefined) delete next.parentId;
  else next.parentId = parent;
  // Children of a pasted loop keep their place inside it; the rest move by `offset`.
  const { position } = b;
  if (position && !copiedParent) next.position = { x: position.x + offset.x, y: position.y + offset.y };
  return renameReferencesInBlock(next, who.renames);
}

/**
 * Pastes a clipboard: fresh ids, names de-duplicated (`code1` → `code2` when taken), references
 * among the pasted blocks rewritten to their new names, positions shifted by `offset`. Start
 * blocks and edges whose ends were not both copied are dropped.
 */
export function pasteBlocks(
  def: FunctionDefinition,
  clip: Clipboard,
  offset: Position,
  opts: PasteOptions = {},
): { def: FunctionDefinition; newIds: string[] } {
  const blocks = clip.blocks.filter((b) => b.type !== "start");
  if (blocks.length === 0) return { def, newIds: [] };
  const target = opts.parentId === undefined ? undefined : def.graph.blocks.find((b) => b.id === opts.parentId);
  const into = target?.type === "loop" ? target.id : undefined;
  const who = freshIdentities(def, blocks);
  const pasted = blocks.map((b) => placed(b, who, offset, into));
  const edges = [...def.graph.edges];
  for (const e of clip.edges) {
    const source = who.ids.get(e.source);
    const target = who.ids.get(e.target);
    if (source === undefined || target === undefined) continue;
    edges.push({ id: newEdgeId(edges, source, e.port, target), source, target, port: e.port });
  }
  return { def: withGraph(def, { blocks: [...def.graph.blocks, ...pasted], edges }), newIds: pasted.map((b) => b.id) };
}
