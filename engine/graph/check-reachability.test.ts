import { describe, expect, it } from "vitest";
import { checkReachability } from "./check-reachability";
import { testGraph } from "./test-graph";

describe("checkReachability", () => {
  //  start ─► each ─body─► x        onError ─► log
  //  orphan ─► orphan2              y (in each's body, not linked)
  it("pins blocks nothing leads to; the handler and loop bodies are entries", () => {
    const g = testGraph(
      {
        start: "start", each: "loop", x: { type: "code", parent: "each" }, y: { type: "code", parent: "each" },
        onError: "errorHandler", log: "code", orphan: "code", orphan2: "code",
      },
      ["start -> each", "each -body-> x", "onError -> log", "orphan -> orphan2"],
    );
    expect(checkReachability(g).map((p) => p.blockName)).toEqual(["y", "orphan", "orphan2"]);
  });

  //  a ─► b     (no start: reported by checkStartBlock, not here)
  it("says nothing without a start block", () => {
    expect(checkReachability(testGraph({ a: "code", b: "code" }, ["a -> b"]))).toEqual([]);
  });
});
