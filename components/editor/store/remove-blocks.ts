import type { Block, FunctionDefinition } from "@/engine/model";
import { withGraph } from "./edit-result";

/** `ids` plus every block nested in them (loop bodies, at any depth). */
export function withDescendants(blocks: readonly Block[], ids: Iterable<string>): Set<string> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of blocks) {
      if (b.parentId !== undefined && out.has(b.parentId) && !out.has(b.id)) {
        out.add(b.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Removes the edges with these ids; unknown ids are ignored. */
export function removeEdges(def: FunctionDefinition, edgeIds: readonly string[]): FunctionDefinition {
  const drop = new Set(edgeIds);
  const edges = def.graph.edges.filter((e) => !drop.has(e.id));
  return edges.length === def.graph.edges.length ? def : withGraph(def, { edges });
}

/**
 * Removes blocks, the blocks of their loop bodies and every edge touching any of them. The
 * start block is protected: it is skipped, never removed.
 */
export function removeBlocks(def: FunctionDefinition, blockIds: readonly string[]): FunctionDefinition {
  const { blocks, edges } = def.graph;
  const removable = blockIds.filter((id) => blocks.some((b) => b.id === id && b.type !== "start"));
  if (removable.length === 0) return def;
  const drop = withDescendants(blocks, removable);
  return withGraph(def, {
    blocks: blocks.filter((b) => !drop.has(b.id)),
    edges: edges.filter((e) => !drop.has(e.source) && !drop.has(e.target)),
  });
}
