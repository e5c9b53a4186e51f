import {
  CURRENT_SCHEMA_VERSION,
  FunctionDefinition,
  type Block,
  type BlockType,
  type Edge,
  type FunctionDefinitionInput,
  type Graph,
} from "../model";

/**
 * A tiny graph builder for tests. Block ids are their names. Edges are written
 * `"a -> b"` (port `next`) or `"a -port-> b"`, e.g. `"check -yes-> save"`, `"each -body-> row"`.
 */
export type BlockSpec =
  | BlockType
  | { type: BlockType; parent?: string; cases?: string[]; config?: Record<string, unknown>; timeoutMs?: number; retry?: Record<string, unknown> };

const EDGE = /^\s*([A-Za-z0-9_]+)\s*(?:-([A-Za-z0-9_-]+))?->\s*([A-Za-z0-9_]+)\s*$/;

function defaultConfig(type: BlockType, cases: string[]): Record<string, unknown> {
  switch (type) {
    case "code":
      return { language: "javascript", source: "return null;" };
    case "query":
      return { kind: "sql", resourceId: "db", statement: "select 1" };
    case "branch":
      return { cases: cases.map((id) => ({ id, condition: "{{ false }}" })) };
    case "loop":
      return { source: "{{ [] }}" };
    case "callFunction":
      return { functionId: "other" };
    case "return":
      return { value: "{{ null }}" };
    default:
      return {};
  }
}

function blockInput(name: string, spec: BlockSpec): Record<string, unknown> {
  const s = typeof spec === "string" ? { type: spec } : spec;
  const out: Record<string, unknown> = {
    id: name,
    name,
    type: s.type,
    config: { ...defaultConfig(s.type, "cases" in s && s.cases ? s.cases : ["yes"]), ...("config" in s ? s.config : {}) },
  };
  if ("parent" in s && s.parent) out.parentId = s.parent;
  if ("timeoutMs" in s && s.timeoutMs) out.timeoutMs = s.timeoutMs;
  if ("retry" in s && s.retry) out.retry = s.retry;
  return out;
}

export function parseEdge(text: string, n = 0): Edge {
  const m = EDGE.exec(text);
  if (!m) throw new Error(`Bad test edge "${text}"`);
  const [, source, port = "next", target] = m;
  return { id: `${source}-${port}-${target}${n ? `-${n}` : ""}`, source, target, port };
}

/** A definition for tests, parsed by the real schema (defaults applied). */
export function testDefinition(
  blocks: Record<string, BlockSpec>,
  edges: string[],
  extra: Partial<FunctionDefinitionInput> = {},
): FunctionDefinition {
  const seen = new Map<string, number>();
  const parsedEdges = edges.map((e) => {
    const edge = parseEdge(e);
    const n = seen.get(edge.id) ?? 0;
    seen.set(edge.id, n + 1);
    return n ? parseEdge(e, n) : edge;
  });
  return FunctionDefinition.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    ...extra,
    graph: { blocks: Object.entries(blocks).map(([name, spec]) => blockInput(name, spec)), edges: parsedEdges },
  });
}

/** Just the graph of `testDefinition`. */
export function testGraph(blocks: Record<string, BlockSpec>, edges: string[]): Graph {
  return testDefinition(blocks, edges).graph;
}

/** A block by name, for assertions. */
export function blockNamed(graph: Graph, name: string): Block {
  const b = graph.blocks.find((x) => x.name === name);
  if (!b) throw new Error(`No block ${name}`);
  return b;
}
