import { describe, expect, it } from "vitest";
import { indexEdges } from "./index-edges";
import { testGraph } from "./test-graph";

describe("indexEdges", () => {
  //  start ─► a ─► c
  //    └────► b ──┘
  it("groups edges by source and by target in stored order", () => {
    const g = testGraph({ start: "start", a: "code", b: "code", c: "code" }, ["start -> a", "start -> b", "a -> c", "b -> c"]);
    const { bySource, byTarget } = indexEdges(g.edges);
    expect(bySource.get("start")?.map((e) => e.target)).toEqual(["a", "b"]);
    expect(byTarget.get("c")?.map((e) => e.source)).toEqual(["a", "b"]);
    expect(bySource.get("c")).toBeUndefined();
  });
});
