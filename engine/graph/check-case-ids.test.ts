import { describe, expect, it } from "vitest";
import { checkCaseIds } from "./check-case-ids";
import { testGraph } from "./test-graph";

describe("checkCaseIds", () => {
  //  start ─► pick {a, a, else}
  it("pins duplicate and reserved case ids", () => {
    const g = testGraph({ start: "start", pick: { type: "branch", cases: ["a", "a", "else"] } }, ["start -> pick"]);
    expect(checkCaseIds(g).map((p) => p.code)).toEqual(["DUPLICATE_CASE_ID", "RESERVED_CASE_ID"]);
  });
});
