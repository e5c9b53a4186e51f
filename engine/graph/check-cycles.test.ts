import { describe, expect, it } from "vitest";
import { checkCycles } from "./check-cycles";
import { testGraph } from "./test-graph";

describe("checkCycles", () => {
  //  start ─► a ─► b ─► c
  //           ▲         │
  //           └─────────┘
  it("pins a cycle on its first block and closing edge", () => {
    const g = testGraph({ start: "start", a: "code", b: "code", c: "code" }, ["start -> a", "a -> b", "b -> c", "c -> a"]);
    expect(checkCycles(g)).toMatchObject([{ code: "CYCLE", blockId: "a", edgeId: "a-next-b" }]);
    expect(checkCycles(g)[0].message).toContain("a → b → c");
  });

  //  start ─► each ─body─► x ─► y
  //                        ▲    │
  //                        └────┘      (a cycle inside a loop body is still a cycle)
  it("refuses cycles inside loop bodies", () => {
    const g = testGraph(
      { start: "start", each: "loop", x: { type: "code", parent: "each" }, y: { type: "code", parent: "each" } },
      ["start -> each", "each -body-> x", "x -> y", "y -error-> x"],
    );
    expect(checkCycles(g).map((p) => p.code)).toEqual(["CYCLE"]);
  });
});
