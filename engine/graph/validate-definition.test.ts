import { describe, expect, it } from "vitest";
import { ParamDef } from "../model";
import { testDefinition } from "./test-graph";
import { validateDefinition } from "./validate-definition";

describe("validateDefinition", () => {
  //  start ─► check ─yes─► save ─► done
  //             └─else─► done
  //  onError ─► done2
  it("accepts a valid function", () => {
    const def = testDefinition(
      { start: "start", check: "branch", save: "query", done: "return", onError: "errorHandler", done2: "return" },
      ["start -> check", "check -yes-> save", "check -else-> done", "save -> done", "onError -> done2"],
    );
    expect(validateDefinition(def)).toEqual([]);
  });

  //  start ─► a ─► a     userId block vs userId param     b unreachable     a ─► ghost
  it("combines every check", () => {
    const def = testDefinition(
      { start: "start", a: "code", userId: "code", b: "code" },
      ["start -> a", "a -> a", "a -> userId", "a -> ghost"],
      { params: [ParamDef.parse({ name: "userId", type: "number", default: "x" })] },
    );
    expect(validateDefinition(def).map((p) => p.code)).toEqual([
      "NAME_CLASHES_WITH_PARAM", "BAD_DEFAULT", "DANGLING_EDGE", "CYCLE", "UNREACHABLE",
    ]);
  });

  it("checks calls only when given the app's functions", () => {
    const def = testDefinition({ start: "start", call: { type: "callFunction", config: { functionId: "self" } } }, ["start -> call"]);
    expect(validateDefinition(def)).toEqual([]);
    expect(validateDefinition(def, { functions: new Map(), functionId: "self" }).map((p) => p.code)).toEqual(["CALL_CYCLE"]);
  });
});
