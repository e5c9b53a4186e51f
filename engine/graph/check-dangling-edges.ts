import type { Graph } from "../model";
import type { Problem } from "./problem";

/** Every edge joins two existing blocks. */
export function checkDanglingEdges(graph: Graph): Problem[] {
  const ids = new Set(graph.blocks.map((b) => b.id));
  const problems: Problem[] = [];
  for (const e of graph.edges) {
    const missing = [e.source, e.target].filter((id) => !ids.has(id));
    if (missing.length === 0) continue;
    problems.push({
      code: "DANGLING_EDGE",
      message: `Edge ${e.id} joins a block that does not exist (${missing.join(", ")})`,
      edgeId: e.id,
    });
  }
  return problems;
}
