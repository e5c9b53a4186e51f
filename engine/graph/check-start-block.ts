import type { Graph } from "../model";
import { blockProblem, type Problem } from "./problem";

/** A function has exactly one start block. */
export function checkStartBlock(graph: Graph): Problem[] {
  const starts = graph.blocks.filter((b) => b.type === "start");
  if (starts.length === 1) return [];
  if (starts.length === 0) return [{ code: "NO_START", message: "The function has no start block" }];
  return starts.slice(1).map((b) => blockProblem("MULTIPLE_START", "A function has exactly one start block", b));
}
