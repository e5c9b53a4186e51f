import type { Block, Edge } from "../model";
import { reachableFrom } from "./reachable-from";

/**
 * A region is what one scheduler pass runs: the blocks reachable from an entry (start, the
 * error handler, or a loop body's first block) inside the entry's own loop scope, with the
 * edges between them. `body` edges are not followed: a loop runs its body itself.
 */
export interface Region {
  entry: string;
  /** Breadth-first from the entry. */
  blocks: string[];
  incoming: Map<string, Edge[]>;
  outgoing: Map<string, Edge[]>;
}

/** The region that starts at `entry`. */
export function buildRegion(entry: Block, byId: ReadonlyMap<string, Block>, bySource: ReadonlyMap<string, readonly Edge[]>): Region {
  const inScope = (e: Edge) => e.port !== "body" && byId.get(e.target)?.parentId === entry.parentId;
  const blocks = reachableFrom([entry.id], bySource, inScope);
  const members = new Set(blocks);
  const incoming = new Map<string, Edge[]>(blocks.map((id) => [id, []]));
  const outgoing = new Map<string, Edge[]>();
  for (const id of blocks) {
    const out = (bySource.get(id) ?? []).filter((e) => inScope(e) && members.has(e.target));
    outgoing.set(id, out);
    for (const e of out) incoming.get(e.target)?.push(e);
  }
  return { entry: entry.id, blocks, incoming, outgoing };
}
