import type { Graph } from "../model";
import { blockProblem, type Problem } from "./problem";

/** Block ids are unique, and so are edge ids. */
export function checkUniqueIds(graph: Graph): Problem[] {
  const problems: Problem[] = [];
  const blocks = new Set<string>();
  for (const b of graph.blocks) {
    if (blocks.has(b.id)) problems.push(blockProblem("DUPLICATE_BLOCK_ID", `Another block already has id "${b.id}"`, b));
    blocks.add(b.id);
  }
  const edges = new Set<string>();
  for (const e of graph.edges) {
    if (edges.has(e.id)) problems.push({ code: "DUPLICATE_EDGE_ID", message: `Another edge already has id "${e.id}"`, edgeId: e.id });
    edges.add(e.id);
  }
  return problems;
}
