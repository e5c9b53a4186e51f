import type { Block, FunctionDefinition } from "../model";
import { buildRegion, type Region } from "./build-region";
import { indexEdges } from "./index-edges";

/** What the interpreter runs: a valid graph cut into regions, built once per definition. */
export interface CompiledGraph {
  byId: ReadonlyMap<string, Block>;
  main: Region;
  /** The error handler's region, when the function has one. */
  handler?: Region;
  /** Loop id → the region of its body (absent for a loop whose body edge is missing). */
  bodies: ReadonlyMap<string, Region>;
}

const cache = new WeakMap<FunctionDefinition, CompiledGraph>();

/**
 * Compiles a definition that `validateDefinition` accepted. Cached per definition object:
 * definitions are treated as immutable once loaded.
 */
export function compileGraph(def: FunctionDefinition): CompiledGraph {
  const hit = cache.get(def);
  if (hit) return hit;
  const byId = new Map(def.graph.blocks.map((b) => [b.id, b]));
  const { bySource } = indexEdges(def.graph.edges);
  const start = def.graph.blocks.find((b) => b.type === "start");
  if (!start) throw new Error("compileGraph needs a validated definition (no start block)");
  const handlerBlock = def.graph.blocks.find((b) => b.type === "errorHandler");
  const bodies = new Map<string, Region>();
  for (const e of def.graph.edges) {
    const entry = byId.get(e.target);
    if (e.port === "body" && entry) bodies.set(e.source, buildRegion(entry, byId, bySource));
  }
  const compiled: CompiledGraph = {
    byId,
    main: buildRegion(start, byId, bySource),
    handler: handlerBlock ? buildRegion(handlerBlock, byId, bySource) : undefined,
    bodies,
  };
  cache.set(def, compiled);
  return compiled;
}
