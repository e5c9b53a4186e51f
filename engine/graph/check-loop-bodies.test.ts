import { describe, expect, it } from "vitest";
import { checkLoopBodies } from "./check-loop-bodies";
import { testGraph } from "./test-graph";

describe("checkLoopBodies", () => {
  //  start ─► each ─► after
  //           │body
  //           ▼
  //       ┌ x ─► y ┐  (body of each)
  it("accepts a closed body", () => {
    const g = testGraph(
      { start: "start", each: "loop", x: { type: "code", parent: "each" }, y: { type: "code", parent: "each" }, after: "code" },
      ["start -> each", "each -body-> x", "x -> y", "each -> after"],
    );
    expect(checkLoopBodies(g)).toEqual([]);
  });

  //  start ─► each ─body─► out (outside)      ┌ x ─► after ┐ escapes      start ─► x  enters
  it("pins body edges that leave, edges that escape and edges that sneak in", () => {
    const g = testGraph(
      { start: "start", each: "loop", x: { type: "code", parent: "each" }, out: "code", after: "code" },
      ["start -> each", "each -body-> out", "x -> after", "start -> x"],
    );
    expect(checkLoopBodies(g).map((p) => [p.code, p.edgeId])).toEqual([
      ["LOOP_BODY_OUTSIDE", "each-body-out"],
      ["LOOP_BODY_ESCAPES", "x-next-after"],
      ["EDGE_INTO_LOOP_BODY", "start-next-x"],
    ]);
  });

  //  outer ─body─► inner ─body─► leaf      other ─body─► leaf2, other ─body─► leaf3
  //  c (parent: a code block)   lonely (loop with no body)
  it("checks parents, nested loops, missing and repeated body edges", () => {
    const g = testGraph(
      {
        start: "start", outer: "loop", inner: { type: "loop", parent: "outer" }, leaf: { type: "code", parent: "inner" },
        other: "loop", leaf2: { type: "code", parent: "other" }, leaf3: { type: "code", parent: "other" },
        c: "code", bad: { type: "code", parent: "c" }, lonely: "loop",
      },
      ["start -> outer", "outer -body-> inner", "inner -body-> leaf", "outer -> other", "other -body-> leaf2", "other -body-> leaf3", "other -> c", "c -> lonely"],
    );
    expect(checkLoopBodies(g).map((p) => [p.code, p.blockName])).toEqual([
      ["BAD_PARENT", "bad"],
      ["LOOP_MULTIPLE_BODY_EDGES", "other"],
      ["LOOP_WITHOUT_BODY", "lonely"],
    ]);
  });
});
