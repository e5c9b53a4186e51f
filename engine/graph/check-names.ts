import type { Graph, ParamDef } from "../model";
import { blockProblem, type Problem } from "./problem";

/**
 * Blocks and parameters share one namespace (the scope): block names are unique and differ
 * from parameter names, and parameter names are unique. Reserved words are refused by the schema.
 */
export function checkNames(graph: Graph, params: readonly ParamDef[]): Problem[] {
  const problems: Problem[] = [];
  const paramNames = new Set<string>();
  for (const p of params) {
    if (paramNames.has(p.name)) problems.push({ code: "DUPLICATE_PARAM", message: `Two parameters are named "${p.name}"` });
    paramNames.add(p.name);
  }
  const names = new Set<string>();
  for (const b of graph.blocks) {
    if (paramNames.has(b.name)) {
      problems.push(blockProblem("NAME_CLASHES_WITH_PARAM", `"${b.name}" is already a parameter name`, b));
    } else if (names.has(b.name)) {
      problems.push(blockProblem("DUPLICATE_NAME", `Another block is already named "${b.name}"`, b));
    }
    names.add(b.name);
  }
  return problems;
}
