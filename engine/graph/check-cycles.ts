import type { Graph } from "../model";
import { findCycles } from "./find-cycles";
import { blockProblem, type Problem } from "./problem";

/**
 * No cycles at all: repetition is a loop block, whose iterations are not graph edges, so a
 * cycle of edges (body blocks included) would never start or never end.
 */
export function checkCycles(graph: Graph): Problem[] {
  const byId = new Map(graph.blocks.map((b) => [b.id, b]));
  return findCycles(
    graph.blocks.map((b) => b.id),
    graph.edges,
  ).map((ids) => {
    const names = ids.map((id) => byId.get(id)?.name ?? id);
    const first = byId.get(ids[0]) ?? { id: ids[0], name: ids[0] };
    const members = new Set(ids);
    const closing = graph.edges.find((e) => members.has(e.source) && members.has(e.target));
    const message = `These blocks form a cycle: ${names.join(" → ")}. Use a loop block to repeat steps`;
    return blockProblem("CYCLE", message, first, closing?.id);
  });
}
