import { compileGraph, validateDefinition, type CompiledGraph, type Problem } from "../graph";
import type { FunctionDefinition } from "../model";

export type Prepared = { ok: true; graph: CompiledGraph } | { ok: false; problems: Problem[] };

const cache = new WeakMap<FunctionDefinition, Prepared>();

/**
 * Validates and compiles a definition once per definition object: a function run a thousand
 * times pays for its graph checks once. Definitions are treated as immutable once loaded.
 */
export function prepareDefinition(def: FunctionDefinition): Prepared {
  const hit = cache.get(def);
  if (hit) return hit;
  const problems = validateDefinition(def);
  const prepared: Prepared = problems.length ? { ok: false, problems } : { ok: true, graph: compileGraph(def) };
  cache.set(def, prepared);
  return prepared;
}
