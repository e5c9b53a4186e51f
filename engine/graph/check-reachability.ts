import { isEntry } from "../blocks";
import type { Graph } from "../model";
import { indexEdges } from "./index-edges";
import { blockProblem, type Problem } from "./problem";
import { reachableFrom } from "./reachable-from";

/**
 * Every block can run: it is reachable from the start block or from the error handler,
 * loop bodies through their loop's `body` edge.
 */
export function checkReachability(graph: Graph): Problem[] {
  const entries = graph.blocks.filter((b) => isEntry(b.type)).map((b) => b.id);
  // Without a start block everything would be unreachable; checkStartBlock reports that instead.
  if (!graph.blocks.some((b) => b.type === "start")) return [];
  const reached = new Set(reachableFrom(entries, indexEdges(graph.edges).bySource));
  return graph.blocks
    .filter((b) => !reached.has(b.id))
    .map((b) => blockProblem("UNREACHABLE", `"${b.name}" can never run: nothing leads to it`, b));
}
