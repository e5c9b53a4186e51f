import { describe, expect, it } from "vitest";
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, loadDefinition } from ".";

/** One stored definition per schema version below the current one, oldest first. */
const SAMPLES: Record<number, Record<string, unknown>> = {
  0: {
    params: [{ name: "id", type: "number" }],
    blocks: [
      { id: "start", name: "start", type: "start", config: {} },
      { id: "code1", name: "code1", type: "code", config: { language: "javascript", source: "return id" } },
    ],
    edges: [{ id: "e1", source: "start", target: "code1" }],
  },
};

describe("migrations", () => {
  it("has a sample for every migration, so none is left untested", () => {
    expect(MIGRATIONS).toHaveLength(CURRENT_SCHEMA_VERSION);
    for (let v = 0; v < MIGRATIONS.length; v++) expect(SAMPLES[v], `sample for schemaVersion ${v}`).toBeDefined();
  });

  it.each(Object.keys(SAMPLES).map(Number))("loads a version-%i definition into the current shape", (v) => {
    const loaded = loadDefinition(SAMPLES[v]);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.migratedFrom).toBe(v);
    expect(loaded.definition.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(loaded.definition.graph.blocks.map((b) => b.name)).toEqual(["start", "code1"]);
    expect(loaded.definition.graph.edges[0]).toMatchObject({ source: "start", target: "code1", port: "next" });
  });

  it("0 → 1 moves blocks and edges under graph, defaulting missing ones", () => {
    expect(MIGRATIONS[0]({ params: [] })).toEqual({ params: [], schemaVersion: 1, graph: { blocks: [], edges: [] } });
  });

  it("refuses newer versions, non-objects and invalid definitions", () => {
    expect(loadDefinition({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toMatchObject({ ok: false });
    expect(loadDefinition([])).toMatchObject({ ok: false });
    expect(loadDefinition({ schemaVersion: CURRENT_SCHEMA_VERSION, graph: { blocks: [{ id: "x" }], edges: [] } })).toMatchObject({ ok: false });
  });

  it("leaves a current definition as it is", () => {
    const loaded = loadDefinition({ schemaVersion: CURRENT_SCHEMA_VERSION, graph: { blocks: [], edges: [] } });
    expect(loaded).toMatchObject({ ok: true, migratedFrom: CURRENT_SCHEMA_VERSION });
  });
});
