import { describe, expect, it } from "vitest";
import { indexEdges } from "./index-edges";
import { reachableFrom } from "./reachable-from";
import { testGraph } from "./test-graph";

describe("reachableFrom", () => {
  //  start ─► a ─► b      c ─► d
  //           └─error─► e
  it("walks breadth-first from the entries, through the edges `follow` accepts", () => {
    const g = testGraph({ start: "start", a: "code", b: "code", c: "code", d: "code", e: "code" }, ["start -> a", "a -> b", "a -error-> e", "c -> d"]);
    const { bySource } = indexEdges(g.edges);
    expect(reachableFrom(["start"], bySource)).toEqual(["start", "a", "b", "e"]);
    expect(reachableFrom(["start"], bySource, (e) => e.port !== "error")).toEqual(["start", "a", "b"]);
    expect(reachableFrom(["start", "c"], bySource)).toEqual(["start", "c", "a", "d", "b", "e"]);
  });
});
