import { describe, expect, it } from "vitest";
import { checkErrorHandlerCount } from "./check-error-handler-count";
import { testGraph } from "./test-graph";

describe("checkErrorHandlerCount", () => {
  //  start ─► a      onError ─► r
  it("accepts one handler", () => {
    const g = testGraph({ start: "start", a: "code", onError: "errorHandler", r: "return" }, ["start -> a", "onError -> r"]);
    expect(checkErrorHandlerCount(g)).toEqual([]);
  });

  //  start      h1      h2
  it("pins the second handler", () => {
    const g = testGraph({ start: "start", h1: "errorHandler", h2: "errorHandler" }, []);
    expect(checkErrorHandlerCount(g)).toMatchObject([{ code: "MULTIPLE_ERROR_HANDLERS", blockId: "h2" }]);
  });
});
