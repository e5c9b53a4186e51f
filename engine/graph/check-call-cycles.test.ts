import { describe, expect, it } from "vitest";
import type { FunctionDefinition } from "../model";
import { checkCallCycles } from "./check-call-cycles";
import { testDefinition } from "./test-graph";

/** A function whose start leads to one call-function block per callee. */
function calling(...callees: string[]): FunctionDefinition {
  const blocks = Object.fromEntries(callees.map((id, i) => [`call${i}`, { type: "callFunction" as const, config: { functionId: id } }]));
  return testDefinition({ start: "start", ...blocks }, callees.map((_, i) => `start -> call${i}`));
}

describe("checkCallCycles", () => {
  //  f ─calls─► g ─calls─► f
  it("finds f → g → f", () => {
    const functions = new Map([["f", calling("g")], ["g", calling("f")]]);
    const problems = checkCallCycles(calling("g"), functions, "f");
    expect(problems).toMatchObject([{ code: "CALL_CYCLE", blockName: "call0" }]);
    expect(problems[0].message).toContain("this function → g → this function");
  });

  //  f ─calls─► f     f ─calls─► h ─► k ─► h     f ─calls─► nope
  it("finds self-calls, cycles further down and unknown functions", () => {
    const functions = new Map([["h", calling("k")], ["k", calling("h")], ["ok", calling()]]);
    expect(checkCallCycles(calling("f", "h", "nope", "ok"), functions, "f").map((p) => p.code)).toEqual([
      "CALL_CYCLE", "CALL_CYCLE", "UNKNOWN_FUNCTION",
    ]);
  });
});
