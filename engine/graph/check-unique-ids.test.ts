import { describe, expect, it } from "vitest";
import { checkUniqueIds } from "./check-unique-ids";
import { testGraph } from "./test-graph";

describe("checkUniqueIds", () => {
  //  start ─► a ─► b     where a and b share an id, and two edges share one
  it("pins repeated block and edge ids", () => {
    const g = testGraph({ start: "start", a: "code", b: "code" }, ["start -> a", "a -> b"]);
    g.blocks[2] = { ...g.blocks[2], id: "a" };
    g.edges[1] = { ...g.edges[1], id: g.edges[0].id };
    expect(checkUniqueIds(g)).toMatchObject([
      { code: "DUPLICATE_BLOCK_ID", blockName: "b" },
      { code: "DUPLICATE_EDGE_ID", edgeId: g.edges[0].id },
    ]);
  });

  //  start ─► a
  it("accepts distinct ids", () => {
    expect(checkUniqueIds(testGraph({ start: "start", a: "code" }, ["start -> a"]))).toEqual([]);
  });
});
