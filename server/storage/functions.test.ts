import { describe, expect, it } from "vitest";
import { CURRENT_SCHEMA_VERSION } from "@/engine/model";
import { readDefinition } from "./functions";

describe("readDefinition", () => {
  it("reads a definition stored with limits above today's maxima, clamped to them (not INVALID_DEFINITION)", () => {
    const text = JSON.stringify({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      graph: { blocks: [{ id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} }], edges: [] },
      limits: { maxLogBytes: 8 << 20, memoryBytes: 1 << 30 },
    });
    const loaded = readDefinition(text);
    expect(loaded.ok && loaded.definition.limits).toMatchObject({ maxLogBytes: 1 << 20, memoryBytes: 256 << 20 });
  });
});
