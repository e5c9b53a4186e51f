import type { Edge } from "../model";

export interface EdgeIndex {
  bySource: Map<string, Edge[]>;
  byTarget: Map<string, Edge[]>;
}

/** Edges grouped by source and by target, in their stored order. */
export function indexEdges(edges: readonly Edge[]): EdgeIndex {
  const bySource = new Map<string, Edge[]>();
  const byTarget = new Map<string, Edge[]>();
  for (const e of edges) {
    const out = bySource.get(e.source);
    if (out) out.push(e);
    else bySource.set(e.source, [e]);
    const inc = byTarget.get(e.target);
    if (inc) inc.push(e);
    else byTarget.set(e.target, [e]);
  }
  return { bySource, byTarget };
}
