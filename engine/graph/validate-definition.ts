import type { FunctionDefinition } from "../model";
import { checkCallCycles } from "./check-call-cycles";
import { checkCaseIds } from "./check-case-ids";
import { checkCycles } from "./check-cycles";
import { checkDanglingEdges } from "./check-dangling-edges";
import { checkErrorHandlerCount } from "./check-error-handler-count";
import { checkLoopBodies } from "./check-loop-bodies";
import { checkNames } from "./check-names";
import { checkParams } from "./check-params";
import { checkPorts } from "./check-ports";
import { checkReachability } from "./check-reachability";
import { checkStartBlock } from "./check-start-block";
import { checkUniqueIds } from "./check-unique-ids";
import type { Problem } from "./problem";

export interface ValidateOptions {
  /** Every function of the app by id: enables the unknown-function and call-cycle checks. */
  functions?: ReadonlyMap<string, FunctionDefinition>;
  /** The id of `def` itself, so that a call back into it is seen as a cycle. */
  functionId?: string;
}

/**
 * Everything that makes a schema-valid definition unable to run, as problems the editor pins on
 * the canvas. An empty list means the interpreter will accept the graph.
 */
export function validateDefinition(def: FunctionDefinition, options: ValidateOptions = {}): Problem[] {
  const { graph } = def;
  const problems = [
    ...checkStartBlock(graph),
    ...checkErrorHandlerCount(graph),
    ...checkUniqueIds(graph),
    ...checkNames(graph, def.params),
    ...checkParams(def.params),
    ...checkDanglingEdges(graph),
    ...checkPorts(graph),
    ...checkCaseIds(graph),
    ...checkLoopBodies(graph),
    ...checkCycles(graph),
    ...checkReachability(graph),
  ];
  if (options.functions) problems.push(...checkCallCycles(def, options.functions, options.functionId));
  return problems;
}
