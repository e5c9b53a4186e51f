import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDefinition } from "../graph/test-graph";
import { createJsSandbox, type JsSandbox } from "../sandbox/js";
import type { PythonSandbox } from "../sandbox/types";
import { runFunction } from ".";
import { prepareDefinition } from "./prepare-definition";

let js: JsSandbox;
beforeAll(() => {
  js = createJsSandbox();
});
afterAll(() => js.close());

describe("runFunction", () => {
  //  start ─► each ─body─► row ─► done
  it("records loop body blocks per iteration, with logs in run time order", async () => {
    const def = testDefinition(
      { start: "start", each: { type: "loop", config: { source: "[1, 2]" } }, row: { type: "code", parent: "each", config: { source: "console.log('row', item); return item" } } },
      ["start -> each", "each -body-> row"],
    );
    const out = await runFunction(def, {}, { js });
    expect(out.status).toBe("ok");
    expect(out.trace.filter((t) => t.blockName === "row").map((t) => [t.iteration, t.output?.json])).toEqual([[0, "1"], [1, "2"]]);
    expect(out.logs.map((l) => [l.block, l.message, l.iteration])).toEqual([["row", "row 1", 0], ["row", "row 2", 1]]);
    expect(out.logs[0].t).toBeLessThanOrEqual(out.logs[1].t);
  });

  //  start ─► a (fails)        onError ─► b (fails too)
  it("fails with the original error when the handler's own path fails", async () => {
    const def = testDefinition(
      { start: "start", a: { type: "code", config: { source: "throw new Error('first')" } }, onError: "errorHandler", b: { type: "code", config: { source: "throw new Error('second')" } } },
      ["start -> a", "onError -> b"],
    );
    const out = await runFunction(def, {}, { js });
    expect(out.error).toMatchObject({ block: "a", message: "first" });
    expect(out.trace.find((t) => t.blockName === "onError")?.output?.json).toContain("first");
  });

  //  start ─► p (python)
  it("sends python blocks to the python port when there is one", async () => {
    const python: PythonSandbox = { run: async (req) => ({ ok: true, value: { got: req.source }, logs: [], logsTruncated: false }) };
    const def = testDefinition({ start: "start", p: { type: "code", config: { language: "python", source: "return 1" } } }, ["start -> p"]);
    expect(await runFunction(def, {}, { js, python })).toMatchObject({ status: "ok", result: { got: "return 1" } });
  });

  it("validates and compiles a definition once", () => {
    const def = testDefinition({ start: "start" }, []);
    expect(prepareDefinition(def)).toBe(prepareDefinition(def));
  });

  //  start ─► a      (the caller's signal is already aborted)
  it("runs nothing when cancelled before it starts", async () => {
    const controller = new AbortController();
    controller.abort();
    const out = await runFunction(testDefinition({ start: "start", a: "code" }, ["start -> a"]), {}, { js, signal: controller.signal });
    expect(out).toMatchObject({ status: "error", error: { code: "RUN_CANCELLED" }, trace: [] });
  });

  //  start ─► q (never answers) ─► after      (run timeout 100 ms)
  it("keeps the trace frozen once the run has returned", async () => {
    const def = testDefinition(
      { start: "start", q: { type: "query", config: { kind: "sql", resourceId: "r", statement: "x" } }, after: "code" },
      ["start -> q", "q -> after"],
      { timeoutMs: 100 },
    );
    const resources = { execute: () => new Promise<never>(() => {}) };
    const out = await runFunction(def, {}, { js, resources });
    const frozen = JSON.stringify(out.trace);
    await new Promise((r) => setTimeout(r, 50));
    expect(JSON.stringify(out.trace)).toBe(frozen);
    expect(out.error).toMatchObject({ code: "RUN_TIMEOUT", block: "q", status: 504 });
  });
});
