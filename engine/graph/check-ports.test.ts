import { describe, expect, it } from "vitest";
import { checkPorts } from "./check-ports";
import { testGraph } from "./test-graph";

describe("checkPorts", () => {
  //  start ─error─► a ─► r ─► b        check ─maybe─► b
  //                 a ─► onError       (check has cases yes/no only)
  it("pins unknown ports and edges into entries", () => {
    const g = testGraph(
      { start: "start", a: "code", r: "return", b: "code", check: { type: "branch", cases: ["yes", "no"] }, onError: "errorHandler" },
      ["start -error-> a", "a -> r", "r -> b", "check -maybe-> b", "a -> onError", "check -yes-> b", "check -else-> b"],
    );
    expect(checkPorts(g).map((p) => [p.code, p.blockName, p.edgeId])).toEqual([
      ["UNKNOWN_PORT", "start", "start-error-a"],
      ["UNKNOWN_PORT", "r", "r-next-b"],
      ["UNKNOWN_PORT", "check", "check-maybe-b"],
      ["EDGE_INTO_ENTRY", "onError", "a-next-onError"],
    ]);
  });

  //  each ─body─► x,  each ─► after,  a ─► b twice
  it("accepts loop ports and pins repeated edges", () => {
    const g = testGraph(
      { start: "start", each: "loop", x: { type: "code", parent: "each" }, after: "code", a: "code", b: "code" },
      ["start -> each", "each -body-> x", "each -> after", "each -error-> a", "a -> b", "a -> b"],
    );
    expect(checkPorts(g)).toMatchObject([{ code: "DUPLICATE_EDGE", edgeId: "a-next-b-1" }]);
  });
});
