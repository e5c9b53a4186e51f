import { isEntry } from "@/engine/blocks";
import { indexEdges, reachableFrom } from "@/engine/graph";
import type { Block, Edge, FunctionDefinition, Position } from "@/engine/model";

export interface Size {
  width: number;
  height: number;
}

/** Canvas metrics shared with the node components, so laid-out blocks do not overlap. */
export const NODE_SIZE: Size = { width: 240, height: 72 };
export const GAP = { x: 40, y: 56 };
/** Room inside a loop around its body: sides, header (the loop's own row) and bottom. */
export const LOOP_PADDING = { x: 24, top: 64, bottom: 24 };
export const EMPTY_LOOP_SIZE: Size = { width: NODE_SIZE.width + 2 * LOOP_PADDING.x, height: 160 };

export interface Layout {
  /** Every block's position: the stored one, else a computed one (relative to its loop). */
  positions: Map<string, Position>;
  /** Loops' sizes, grown to hold their bodies. */
  sizes: Map<string, Size>;
}

/** The loop a block sits in, when that parent exists and is a loop; else top level (""). */
export function scopeOf(b: Block, byId: ReadonlyMap<string, Block>): string {
  return b.parentId !== undefined && byId.get(b.parentId)?.type === "loop" ? b.parentId : "";
}

/** How many loops enclose a scope; cycles in `parentId` (flagged by validation) stop the count. */
export function scopeDepth(scope: string, byId: ReadonlyMap<string, Block>): number {
  const seen = new Set<string>();
  let at: string = scope;
  while (at !== "" && !seen.has(at)) {
    seen.add(at);
    const b = byId.get(at);
    at = b ? scopeOf(b, byId) : "";
  }
  return seen.size;
}

function groupBy<K>(blocks: readonly Block[], key: (b: Block) => K): Map<K, Block[]> {
  const out = new Map<K, Block[]>();
  for (const b of blocks) {
    const k = key(b);
    const list = out.get(k);
    if (list) list.push(b);
    else out.set(k, [b]);
  }
  return out;
}

/**
 * Levels of a scope's members: the longest path from the scope's entries (so a block sits
 * below everything that leads to it). Members that are unreached, or on a cycle (flagged by
 * validation), go on one last row.
 */
function levels(members: readonly Block[], entries: readonly string[], bySource: ReadonlyMap<string, readonly Edge[]>): Map<string, number> {
  const inScope = new Set(members.map((b) => b.id));
  const out = (id: string) => (bySource.get(id) ?? []).filter((e) => e.port !== "body" && inScope.has(e.target));
  const reached = reachableFrom(entries.filter((id) => inScope.has(id)), bySource, (e) => e.port !== "body" && inScope.has(e.target));
  const indegree = new Map<string, number>(reached.map((id) => [id, 0]));
  for (const id of reached) for (const e of out(id)) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const level = new Map<string, number>();
  const queue = reached.filter((id) => indegree.get(id) === 0);
  for (const id of queue) level.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    for (const e of out(queue[i])) {
      level.set(e.target, Math.max(level.get(e.target) ?? 0, (level.get(queue[i]) ?? 0) + 1));
      const left = (indegree.get(e.target) ?? 1) - 1;
      indegree.set(e.target, left);
      if (left === 0) queue.push(e.target);
    }
  }
  for (const id of level.keys()) if (indegree.get(id) !== 0) level.delete(id);
  const last = Math.max(-1, ...level.values()) + 1;
  for (const b of members) if (!level.has(b.id)) level.set(b.id, last);
  return level;
}

function entriesOf(scope: string, members: readonly Block[], edges: readonly Edge[]): string[] {
  if (scope === "") return members.filter((b) => isEntry(b.type)).map((b) => b.id);
  return edges.filter((e) => e.source === scope && e.port === "body").map((e) => e.target);
}

/** Positions for the members without one: rows by level top to bottom, columns left to right. */
function placeScope(scope: string, members: readonly Block[], lvl: Map<string, number>, out: Layout): void {
  const origin = scope === "" ? { x: 0, y: 0 } : { x: LOOP_PADDING.x, y: LOOP_PADDING.top };
  const rows = groupBy(members, (b) => lvl.get(b.id) ?? 0);
  let y = origin.y;
  for (const level of [...rows.keys()].sort((a, b) => a - b)) {
    let x = origin.x;
    let rowHeight = 0;
    for (const b of rows.get(level) ?? []) {
      const size = out.sizes.get(b.id) ?? NODE_SIZE;
      if (!b.position) out.positions.set(b.id, { x, y });
      x += size.width + GAP.x;
      rowHeight = Math.max(rowHeight, size.height);
    }
    y += rowHeight + GAP.y;
  }
}

/** The size a loop needs to hold its members where they are. */
function loopSize(members: readonly Block[], out: Layout): Size {
  if (members.length === 0) return EMPTY_LOOP_SIZE;
  let width = EMPTY_LOOP_SIZE.width;
  let height = EMPTY_LOOP_SIZE.height;
  for (const b of members) {
    const p = out.positions.get(b.id) ?? { x: 0, y: 0 };
    const s = out.sizes.get(b.id) ?? NODE_SIZE;
    width = Math.max(width, p.x + s.width + LOOP_PADDING.x);
    height = Math.max(height, p.y + s.height + LOOP_PADDING.bottom);
  }
  return { width, height };
}

/**
 * Where every block goes on the canvas. Stored positions win; blocks without one are laid out
 * top to bottom by their distance from the entry of their scope. Innermost loops are done
 * first, so an enclosing scope knows how big its loops are.
 */
export function layoutBlocks(def: FunctionDefinition): Layout {
  const { blocks, edges } = def.graph;
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const { bySource } = indexEdges(edges);
  const scopes = groupBy(blocks, (b) => scopeOf(b, byId));
  for (const b of blocks) if (b.type === "loop" && !scopes.has(b.id)) scopes.set(b.id, []);
  const out: Layout = { positions: new Map(), sizes: new Map() };
  for (const b of blocks) if (b.position) out.positions.set(b.id, b.position);
  const order = [...scopes.keys()].sort((a, b) => scopeDepth(b, byId) - scopeDepth(a, byId));
  for (const scope of order) {
    const members = scopes.get(scope) ?? [];
    placeScope(scope, members, levels(members, entriesOf(scope, members, edges), bySource), out);
    if (scope !== "") out.sizes.set(scope, loopSize(members, out));
  }
  return out;
}
