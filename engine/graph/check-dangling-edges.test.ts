import { describe, expect, it } from "vitest";
import { checkDanglingEdges } from "./check-dangling-edges";
import { testGraph } from "./test-graph";

describe("checkDanglingEdges", () => {
  //  start ─► a ─► ghost (no such block)
  it("pins edges to or from unknown blocks", () => {
    const g = testGraph({ start: "start", a: "code" }, ["start -> a", "a -> ghost", "phantom -> a"]);
    expect(checkDanglingEdges(g)).toMatchObject([
      { code: "DANGLING_EDGE", edgeId: "a-next-ghost" },
      { code: "DANGLING_EDGE", edgeId: "phantom-next-a" },
    ]);
  });
});
