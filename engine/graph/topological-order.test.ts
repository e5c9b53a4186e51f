import { describe, expect, it } from "vitest";
import { compileGraph } from "./compile-graph";
import { testDefinition } from "./test-graph";
import { topologicalOrder } from "./topological-order";

describe("topologicalOrder", () => {
  //  start ─► a ─────────► join
  //    └────► b ─► c ──────┘
  it("puts a join after all its predecessors", () => {
    const def = testDefinition(
      { start: "start", a: "code", b: "code", c: "code", join: "code" },
      ["start -> a", "start -> b", "a -> join", "b -> c", "c -> join"],
    );
    expect(topologicalOrder(compileGraph(def).main)).toEqual(["start", "a", "b", "c", "join"]);
  });
});
