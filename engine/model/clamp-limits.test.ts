import { describe, expect, it } from "vitest";
import { clampLimits, CURRENT_SCHEMA_VERSION, Limits, loadDefinition } from ".";

const MIB = 1 << 20;

/** A definition saved when the limits allowed more than today's maxima. */
const saved = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  graph: { blocks: [{ id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} }], edges: [] },
  limits: { memoryBytes: 1024 * MIB, blockTimeoutMs: 5000, maxOutputBytes: 64 * MIB, maxLogBytes: 8 * MIB, maxBlockExecutions: 10_000 },
};

describe("clampLimits", () => {
  it("lowers limits above their maximum to it, read off the schema", () => {
    const { doc, clamped } = clampLimits(saved);
    expect(clamped).toEqual(["limits.memoryBytes", "limits.maxOutputBytes", "limits.maxLogBytes"]);
    expect(Limits.parse(doc.limits)).toEqual({ memoryBytes: 256 * MIB, blockTimeoutMs: 5000, maxOutputBytes: 16 * MIB, maxLogBytes: MIB, maxBlockExecutions: 10_000 });
    expect(saved.limits.maxLogBytes).toBe(8 * MIB);
  });

  it("leaves a definition within the maxima as it is", () => {
    const within = { ...saved, limits: { maxLogBytes: 64 * 1024 } };
    expect(clampLimits(within)).toEqual({ doc: within, clamped: [] });
  });

  it("lets a stored definition above a maximum load, clamped, while a save above it is refused", () => {
    const stored = loadDefinition(saved, { stored: true });
    expect(stored.ok && stored.definition.limits).toMatchObject({ memoryBytes: 256 * MIB, maxOutputBytes: 16 * MIB, maxLogBytes: MIB });
    const save = loadDefinition(saved);
    expect(save.ok).toBe(false);
    expect(save.ok ? "" : save.message).toMatch(/maxLogBytes/);
  });

  it("clamps after the migrations: a version 0 definition above a maximum loads too", () => {
    const { graph, schemaVersion, ...rest } = saved;
    void schemaVersion;
    const v0 = { ...rest, blocks: graph.blocks, edges: graph.edges };
    const loaded = loadDefinition(v0, { stored: true });
    expect(loaded.ok && loaded.definition.limits.maxLogBytes).toBe(MIB);
  });
});
