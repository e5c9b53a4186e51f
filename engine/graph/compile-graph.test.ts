import { describe, expect, it } from "vitest";
import { compileGraph } from "./compile-graph";
import { testDefinition } from "./test-graph";

describe("compileGraph", () => {
  //  start ─► each ─► after ─► done
  //           │body
  //           ▼
  //         ┌ x ─► y ┐
  //  onError ─► done2
  it("cuts the graph into the main, handler and loop-body regions", () => {
    const def = testDefinition(
      {
        start: "start", each: "loop", x: { type: "code", parent: "each" }, y: { type: "code", parent: "each" },
        after: "code", done: "return", onError: "errorHandler", done2: "return",
      },
      ["start -> each", "each -body-> x", "x -> y", "each -> after", "after -> done", "onError -> done2"],
    );
    const g = compileGraph(def);
    expect(g.main.blocks).toEqual(["start", "each", "after", "done"]);
    expect(g.handler?.blocks).toEqual(["onError", "done2"]);
    expect(g.bodies.get("each")?.blocks).toEqual(["x", "y"]);
    expect(g.bodies.get("each")?.incoming.get("x")).toEqual([]);
    expect(g.main.incoming.get("after")?.map((e) => e.id)).toEqual(["each-next-after"]);
    expect(compileGraph(def)).toBe(g);
  });
});
