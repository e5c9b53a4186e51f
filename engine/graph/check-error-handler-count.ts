import type { Graph } from "../model";
import { blockProblem, type Problem } from "./problem";

/** A function has at most one global error handler. */
export function checkErrorHandlerCount(graph: Graph): Problem[] {
  const handlers = graph.blocks.filter((b) => b.type === "errorHandler");
  return handlers
    .slice(1)
    .map((b) => blockProblem("MULTIPLE_ERROR_HANDLERS", "A function has at most one error handler", b));
}
