import type { FunctionDefinition } from "@/engine/model";

/**
 * What a fallible edit gives back. A refused edit returns the input definition untouched
 * (same reference) with a reason the editor can show.
 */
export type EditResult = { ok: true; def: FunctionDefinition } | { ok: false; def: FunctionDefinition; reason: string };

/** An edit that creates something: `id` is the new block id or parameter name. */
export type CreateResult = { ok: true; def: FunctionDefinition; id: string } | { ok: false; def: FunctionDefinition; reason: string };

export function refuse(def: FunctionDefinition, reason: string): { ok: false; def: FunctionDefinition; reason: string } {
  return { ok: false, def, reason };
}

/** Replaces the graph's blocks and/or edges, keeping every other part of `def`. */
export function withGraph(
  def: FunctionDefinition,
  graph: Partial<FunctionDefinition["graph"]>,
): FunctionDefinition {
  return { ...def, graph: { ...def.graph, ...graph } };
}
