import type { Graph } from "../model";
import { RESERVED_PORTS } from "./ports-of";
import { blockProblem, type Problem } from "./problem";

/** A branch's case ids are unique and do not take a port name that means something else. */
export function checkCaseIds(graph: Graph): Problem[] {
  const problems: Problem[] = [];
  for (const b of graph.blocks) {
    if (b.type !== "branch") continue;
    const ids = new Set<string>();
    for (const c of b.config.cases) {
      if (RESERVED_PORTS.has(c.id)) problems.push(blockProblem("RESERVED_CASE_ID", `A case may not be called "${c.id}"`, b));
      else if (ids.has(c.id)) problems.push(blockProblem("DUPLICATE_CASE_ID", `Two cases have id "${c.id}"`, b));
      ids.add(c.id);
    }
  }
  return problems;
}
