import { blockPorts } from "@/engine/blocks";
import type { Block, FunctionDefinition } from "@/engine/model";
import type { Edge } from "@xyflow/react";

/** How an edge is drawn: `case` is a branch case's port. */
export type PortKind = "next" | "error" | "body" | "case" | "else";

export type BlockEdgeData = { port: string; kind: PortKind };
export type BlockEdge = Edge<BlockEdgeData>;

export interface FlowEdgeOptions {
  selection?: readonly string[];
  /** A React Flow edge type (a registered custom edge, or `smoothstep`…); the default edge when absent. */
  edgeType?: string;
}

export function portKind(port: string): PortKind {
  return port === "next" || port === "error" || port === "body" || port === "else" ? port : "case";
}

/** What an edge says on the canvas: a case port's label from the source's descriptor (a branch case's label, else its id), `else`, `error`, `body`. */
export function portLabel(source: Block | undefined, port: string): string | undefined {
  const kind = portKind(port);
  if (kind === "next") return undefined;
  if (kind !== "case") return port;
  return (source && blockPorts(source).find((p) => p.id === port)?.label) || port;
}

/**
 * React Flow edges: `sourceHandle` is the port (the node renders one source handle per port
 * of `portsOf`), `className` is `edge-<kind>` and `data` carries `port` and `kind`, so error
 * edges can be styled apart.
 */
export function toFlowEdges(def: FunctionDefinition, opts: FlowEdgeOptions = {}): BlockEdge[] {
  const byId = new Map(def.graph.blocks.map((b) => [b.id, b]));
  const selected = new Set(opts.selection ?? []);
  return def.graph.edges.map((e) => {
    const kind = portKind(e.port);
    const edge: BlockEdge = {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.port,
      className: `edge-${kind}`,
      data: { port: e.port, kind },
      selected: selected.has(e.id),
    };
    const label = portLabel(byId.get(e.source), e.port);
    if (label !== undefined) edge.label = label;
    if (opts.edgeType !== undefined) edge.type = opts.edgeType;
    return edge;
  });
}
