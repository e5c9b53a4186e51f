import { FunctionDefinition, type QueryConfig } from "@/engine/model";

/** A function of one query: start ─► q ─► out, which returns q's data and metadata. */
export function oneQuery(config: QueryConfig | Record<string, unknown>): FunctionDefinition {
  return FunctionDefinition.parse({
    schemaVersion: 1,
    graph: {
      blocks: [
        { id: "start", name: "start", type: "start", config: {} },
        { id: "q", name: "q", type: "query", config },
        { id: "out", name: "out", type: "return", config: { value: "{{ { data: q.data, metadata: q.metadata } }}" } },
      ],
      edges: [
        { id: "e1", source: "start", target: "q" },
        { id: "e2", source: "q", target: "out" },
      ],
    },
  });
}
