import { describe, expect, it } from "vitest";
import { findCycles } from "./find-cycles";
import { loadPlan, watchedNames, type Bindings, type FunctionSummary } from "./dependencies";

/** A function that runs on load, with one parameter per binding given. */
function fn(name: string, runBehavior: FunctionSummary["runBehavior"] = "automatic", paramNames: string[] = ["p", "q"]): FunctionSummary {
  return { name, runBehavior, runOnPageLoad: false, params: paramNames.map((p) => ({ name: p, type: "json", required: false, description: "" })) };
}

/** `bind({ b: "{{ a.data }}" })`: b's parameter p reads a. */
function bind(templates: Record<string, string | [string, string]>): Bindings {
  const out: Record<string, { params: Record<string, string> }> = {};
  for (const [name, t] of Object.entries(templates)) out[name] = { params: Array.isArray(t) ? { p: t[0], q: t[1] } : { p: t } };
  return out;
}

describe("loadPlan", () => {
  it("orders a chain: a ──▶ b ──▶ c (listed backwards)", () => {
    const plan = loadPlan([fn("c"), fn("b"), fn("a")], bind({ c: "{{ b.data.id }}", b: "{{ a.data[0] }}" }));
    expect(plan.order).toEqual(["a", "b", "c"]);
    expect(plan.waits).toEqual({ a: [], b: ["a"], c: ["b"] });
    expect(plan.cycles).toEqual([]);
  });

  it("orders a diamond: a ──▶ b, c ──▶ d", () => {
    const plan = loadPlan([fn("d"), fn("c"), fn("b"), fn("a")], bind({ d: ["{{ b.data }}", "{{ c.data }}"], b: "{{ a.data }}", c: "{{ a.data }}" }));
    expect(plan.order).toEqual(["a", "c", "b", "d"]);
    expect(plan.waits.d.sort()).toEqual(["b", "c"]);
  });

  it("lets independent functions wait for nothing, and leaves manual ones out", () => {
    const manual = fn("m", "manual");
    const onLoad = { ...fn("l", "manual"), runOnPageLoad: true };
    const plan = loadPlan([fn("x"), manual, onLoad, fn("y")], bind({ y: "{{ m.data }} {{ textInput1.value }}" }));
    expect(plan.order).toEqual(["x", "l", "y"]);
    expect(plan.waits).toEqual({ x: [], l: [], y: [] });
  });

  it("reports a cycle, runs none of it, and still runs what reads it", () => {
    // a ──▶ b ──▶ a      b ──▶ c      s ──▶ s
    const plan = loadPlan([fn("a"), fn("b"), fn("c"), fn("s"), fn("z")], bind({ a: "{{ b.data }}", b: "{{ a.data }}", c: "{{ b.data }}", s: "{{ s.data }}" }));
    expect(plan.cycles).toEqual([["a", "b"], ["s"]]);
    expect(plan.order).toEqual(["c", "z"]);
    expect(plan.waits.c).toEqual([]);
  });

  it("ignores a binding of a parameter the function no longer declares", () => {
    const plan = loadPlan([fn("b", "automatic", ["q"]), fn("a")], bind({ b: "{{ a.data }}" }));
    expect(plan.waits.b).toEqual([]);
  });
});

describe("findCycles", () => {
  it("finds strongly connected components, not what merely reaches them", () => {
    // a → b → c → a   d → d   e → a
    const edges: Record<string, string[]> = { a: ["b"], b: ["c"], c: ["a"], d: ["d"], e: ["a"] };
    expect(findCycles(["e", "a", "b", "c", "d"], (n) => edges[n] ?? [])).toEqual([["a", "b", "c"], ["d"]]);
  });
});

describe("watchedNames", () => {
  it("lists the state names the bindings read, not the function itself", () => {
    const bindings = bind({ getOrders: ["{{ textInput1.value }}", "{{ getOrders.data.length + getUser.data.id }}"] });
    expect(watchedNames(fn("getOrders"), bindings)).toEqual(["textInput1", "getUser"]);
    expect(watchedNames(fn("getOrders"), bind({ getOrders: "{{ list.data.map(row => row.id) }}" }), new Set(["list"]))).toEqual(["list"]);
  });
});
