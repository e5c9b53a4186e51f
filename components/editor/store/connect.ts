import { isEntry } from "@/engine/blocks";
import { portsOf } from "@/engine/graph";
import type { Block, Edge, FunctionDefinition } from "@/engine/model";
import { refuse, withGraph, type CreateResult } from "./edit-result";

/** Loop bodies are closed: only a loop's `body` port enters its body, and nothing leaves it. */
function borderProblem(source: Block, target: Block, port: string): string | null {
  if (port === "body") {
    return target.parentId === source.id ? null : `The body port of "${source.name}" must lead to a block inside the loop`;
  }
  if (source.parentId === target.parentId) return null;
  return source.parentId !== undefined
    ? `"${source.name}" is inside a loop body and cannot lead outside it`
    : `"${target.name}" is inside a loop body: only the loop's body port leads into it`;
}

/**
 * Why an edge `source -port-> target` cannot be drawn, or null when it can: both blocks exist,
 * it is no self-loop, the port exists on the source's type, it does not lead into an entry
 * (start, error handler), it does not repeat an edge, a loop has one body edge, and it does not
 * cross a loop body's border. React Flow's `isValidConnection` can call this.
 */
export function connectionProblem(def: FunctionDefinition, sourceId: string, targetId: string, port: string): string | null {
  const source = def.graph.blocks.find((b) => b.id === sourceId);
  const target = def.graph.blocks.find((b) => b.id === targetId);
  if (!source || !target) return "Both ends of an edge must be blocks of this function";
  if (source.id === target.id) return "A block cannot lead to itself";
  if (!portsOf(source).includes(port)) return `A ${source.type} block has no "${port}" port`;
  if (isEntry(target.type)) return `Nothing may lead into the ${target.type} block`;
  const edges = def.graph.edges;
  if (edges.some((e) => e.source === sourceId && e.target === targetId && e.port === port)) return "These blocks are already connected through this port";
  if (port === "body" && edges.some((e) => e.source === sourceId && e.port === "body")) return `Loop "${source.name}" already has a body edge`;
  return borderProblem(source, target, port);
}

/** A fresh edge id: `e-source-port-target` when it fits and is free, else `e1`, `e2`… */
export function newEdgeId(edges: readonly Edge[], source: string, port: string, target: string): string {
  const taken = new Set(edges.map((e) => e.id));
  const readable = `e-${source}-${port}-${target}`;
  if (readable.length <= 64 && !taken.has(readable)) return readable;
  for (let n = 1; ; n++) if (!taken.has(`e${n}`)) return `e${n}`;
}

/**
 * Adds the edge `source -port-> target`, or refuses with the reason from `connectionProblem`.
 * It never replaces an existing edge: a port may fan out to several blocks.
 */
export function connect(def: FunctionDefinition, source: string, target: string, port = "next"): CreateResult {
  const problem = connectionProblem(def, source, target, port);
  if (problem) return refuse(def, problem);
  const id = newEdgeId(def.graph.edges, source, port, target);
  return { ok: true, id, def: withGraph(def, { edges: [...def.graph.edges, { id, source, target, port }] }) };
}
