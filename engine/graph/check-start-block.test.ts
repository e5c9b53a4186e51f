import { describe, expect, it } from "vitest";
import { checkStartBlock } from "./check-start-block";
import { testGraph } from "./test-graph";

describe("checkStartBlock", () => {
  //  start ─► a
  it("accepts exactly one start", () => {
    expect(checkStartBlock(testGraph({ start: "start", a: "code" }, ["start -> a"]))).toEqual([]);
  });

  //  a        (no start)
  it("reports a missing start", () => {
    expect(checkStartBlock(testGraph({ a: "code" }, [])).map((p) => p.code)).toEqual(["NO_START"]);
  });

  //  start ─► a      start2
  it("pins every extra start", () => {
    const problems = checkStartBlock(testGraph({ start: "start", a: "code", start2: "start" }, ["start -> a"]));
    expect(problems).toMatchObject([{ code: "MULTIPLE_START", blockId: "start2", blockName: "start2" }]);
  });
});
