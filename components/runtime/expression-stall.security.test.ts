import { describe, expect, it } from "vitest";
import { createAppState } from "./app-state";
import { evaluateTemplate } from "./expressions";

/**
 * An expression cannot stall the tab of everyone who opens the page: a step budget stops long
 * callback chains and recursion, and no string method or global builds a giant value in one call.
 * Each case ends with an error for the inspector, in bounded time, instead of hanging.
 */
const state = createAppState({ functions: {}, components: {}, page: { name: "p" }, url: { query: {} }, currentUser: null }).get();
const run = (source: string) => evaluateTemplate(`{{ ${source} }}`, state);

describe("an expression that would stall the page", () => {
  it.each([
    ["a giant repeat", "'x'.repeat(1e9)", "longer than 1,000,000"],
    ["a giant padStart", "''.padStart(2e9, 'x')", "longer than 1,000,000"],
    ["a giant padEnd", "'a'.padEnd(5e8)", "longer than 1,000,000"],
    ["a giant Array.from", "Array.from({ length: 1e9 })", "more than 1,000,000 items"],
    ["callbacks over callbacks", "Array.from({ length: 1e6 }).map(() => Array.from({ length: 1e6 }).map((x, i) => i)).length", "steps"],
    ["reduce with nested work", "Array.from({ length: 1e6 }, (_, i) => i).reduce((a, i) => a + Array.from({ length: 100 }, (_, j) => j).length, 0)", "steps"],
  ])("%s is stopped with a message", (_name, source, message) => {
    const r = run(source);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it("recursion ends in an error, not a hang", () => {
    const r = run("(() => { const f = (n) => f(n + 1); return f(0); })()");
    expect(r.ok).toBe(false);
  });

  it("ordinary work stays allowed", () => {
    expect(run("'ab'.repeat(3)")).toEqual({ ok: true, value: "ababab" });
    expect(run("Array.from({ length: 3 }, (_, i) => i * 2)")).toEqual({ ok: true, value: [0, 2, 4] });
    expect(run("Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 2).length")).toEqual({ ok: true, value: 500 });
  });

  it("the budget is per evaluation: many small evaluations never add up", () => {
    for (let i = 0; i < 2000; i++) expect(run("Array.from({ length: 1000 }, (_, i) => i).length").ok).toBe(true);
  });
});
