import type { FunctionDefinition } from "../model";
import { blockProblem, type Problem } from "./problem";

function calleesOf(def: FunctionDefinition): string[] {
  const out: string[] = [];
  for (const b of def.graph.blocks) if (b.type === "callFunction") out.push(b.config.functionId);
  return out;
}

/** The first call path from `from` that comes back to a function already on it, or null. */
function findCycleFrom(from: string, path: string[], functions: ReadonlyMap<string, FunctionDefinition>, clean: Set<string>): string[] | null {
  const at = path.indexOf(from);
  if (at !== -1) return [...path.slice(at), from];
  if (clean.has(from)) return null;
  const def = functions.get(from);
  if (!def) return null;
  path.push(from);
  for (const callee of calleesOf(def)) {
    const cycle = findCycleFrom(callee, path, functions, clean);
    if (cycle) return cycle;
  }
  path.pop();
  clean.add(from);
  return null;
}

/**
 * Call-function blocks name functions that exist (when `functions` holds the app's functions)
 * and never lead back into a call already in progress (f calls g calls f). `functionId` is the
 * id of `def` itself, when it has one.
 */
export function checkCallCycles(
  def: FunctionDefinition,
  functions: ReadonlyMap<string, FunctionDefinition>,
  functionId?: string,
): Problem[] {
  const problems: Problem[] = [];
  const clean = new Set<string>();
  const root = functionId ?? "\u0000this";
  for (const b of def.graph.blocks) {
    if (b.type !== "callFunction") continue;
    const callee = b.config.functionId;
    if (callee !== root && !functions.has(callee)) {
      problems.push(blockProblem("UNKNOWN_FUNCTION", `"${b.name}" calls a function that does not exist (${callee})`, b));
      continue;
    }
    const cycle = callee === root ? [root, root] : findCycleFrom(callee, [root], functions, clean);
    if (cycle) {
      const shown = cycle.map((id) => (id === root ? "this function" : id)).join(" → ");
      problems.push(blockProblem("CALL_CYCLE", `"${b.name}" starts a cycle of calls: ${shown}`, b));
    }
  }
  return problems;
}
