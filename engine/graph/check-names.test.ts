import { describe, expect, it } from "vitest";
import { ParamDef } from "../model";
import { checkNames } from "./check-names";
import { testGraph } from "./test-graph";

describe("checkNames", () => {
  //  start ─► a ─► userId        (userId is also a parameter; a second block is named a)
  it("pins duplicate names and names that clash with parameters", () => {
    const g = testGraph({ start: "start", a: "code", userId: "code", a2: "code" }, ["start -> a", "a -> userId", "userId -> a2"]);
    g.blocks[3] = { ...g.blocks[3], name: "a" };
    const params = [ParamDef.parse({ name: "userId", type: "number" }), ParamDef.parse({ name: "userId", type: "string" })];
    expect(checkNames(g, params)).toMatchObject([
      { code: "DUPLICATE_PARAM" },
      { code: "NAME_CLASHES_WITH_PARAM", blockId: "userId" },
      { code: "DUPLICATE_NAME", blockId: "a2", blockName: "a" },
    ]);
  });

  //  start ─► a
  it("accepts distinct names", () => {
    expect(checkNames(testGraph({ start: "start", a: "code" }, ["start -> a"]), [ParamDef.parse({ name: "x", type: "json" })])).toEqual([]);
  });
});
