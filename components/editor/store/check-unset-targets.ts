import { blockProblem, type Problem } from "@/engine/graph";
import type { FunctionDefinition } from "@/engine/model";
import { UNSET_FUNCTION_ID, UNSET_RESOURCE_ID } from "@/engine/blocks";

/**
 * Editor-side problems on top of `validateDefinition`: a query with no resource chosen yet, a
 * call block with no function chosen yet (both hold the placeholder new blocks start with).
 */
export function checkUnsetTargets(def: FunctionDefinition): Problem[] {
  const problems: Problem[] = [];
  for (const b of def.graph.blocks) {
    if (b.type === "query" && b.config.resourceId === UNSET_RESOURCE_ID) {
      problems.push(blockProblem("RESOURCE_NOT_SET", `Choose a resource for "${b.name}"`, b));
    } else if (b.type === "callFunction" && b.config.functionId === UNSET_FUNCTION_ID) {
      problems.push(blockProblem("FUNCTION_NOT_SET", `Choose the function "${b.name}" calls`, b));
    }
  }
  return problems;
}
