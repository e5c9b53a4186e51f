import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Action } from "@/engine/model/action";
import { createAppState, type AppStateStore } from "./app-state";
import type { Bindings } from "./dependencies";
import type { ExtraScope } from "./expressions";
import { createFakeServer, type FakeAnswer } from "./fake-server";
import type { RuntimeFunction } from "./function-runner";
import { initialAppState } from "./initial-state";
import { createRunScheduler } from "./scheduler";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A function whose id is its name, with parameters p and q. */
function fn(runBehavior: RuntimeFunction["runBehavior"] = "automatic", events: Partial<RuntimeFunction["events"]> = {}): RuntimeFunction {
  return {
    id: "",
    runBehavior,
    runOnPageLoad: false,
    params: ["p", "q"].map((name) => ({ name, type: "json", required: false, description: "" })),
    events: { onSuccess: [], onFailure: [], ...events },
  };
}

function setup(opts: {
  functions: Record<string, RuntimeFunction>;
  bindings?: Record<string, Record<string, string>>;
  answer?: (fnId: string, params: Record<string, unknown>, i: number) => FakeAnswer;
  components?: Record<string, Record<string, unknown>>;
}) {
  const functions: Record<string, RuntimeFunction> = {};
  for (const [name, f] of Object.entries(opts.functions)) functions[name] = { ...f, id: name };
  const bindings: Bindings = Object.fromEntries(Object.entries(opts.bindings ?? {}).map(([k, params]) => [k, { params }]));
  const initial = initialAppState({ functionNames: Object.keys(functions), tree: { version: 1, components: [], bindings }, pageName: "p", urlQuery: {} });
  const store: AppStateStore = createAppState({ ...initial, components: opts.components ?? {} });
  const server = createFakeServer(opts.answer ?? ((id) => ({ delayMs: 100, result: { from: id } })));
  const events: { actions: readonly Action[]; scope: ExtraScope }[] = [];
  const scheduler = createRunScheduler({
    state: store,
    functions,
    bindings,
    call: server.call,
    onEvents: async (actions, scope) => void events.push({ actions, scope }),
  });
  return { store, server, scheduler, events };
}

describe("the load plan", () => {
  it("runs independent functions together and a dependent one after what it reads", async () => {
    const { scheduler, server, store } = setup({
      functions: { getUser: fn(), getTags: { ...fn("manual"), runOnPageLoad: true }, getOrders: fn(), never: fn("manual") },
      bindings: { getOrders: { p: "{{ getUser.data.id }}" } },
      answer: (id) => ({ delayMs: id === "getUser" ? 100 : 50, result: id === "getUser" ? { id: 42 } : [id] }),
    });
    const load = scheduler.start();
    await vi.runAllTimersAsync();
    await load;
    expect(server.log).toEqual(["start getUser", "start getTags", "end getTags", "end getUser", "start getOrders", "end getOrders"]);
    expect(server.calls.find((c) => c.fnId === "getOrders")?.params).toEqual({ p: 42 });
    expect(store.get().functions.getOrders.data).toEqual(["getOrders"]);
  });

  it("runs the two sides of a diamond together, the bottom after both", async () => {
    const { scheduler, server } = setup({
      functions: { a: fn(), b: fn(), c: fn(), d: fn() },
      bindings: { b: { p: "{{ a.data }}" }, c: { p: "{{ a.data }}" }, d: { p: "{{ b.data }}", q: "{{ c.data }}" } },
      answer: (id) => ({ delayMs: id === "b" ? 30 : 10, result: id }),
    });
    const load = scheduler.start();
    await vi.runAllTimersAsync();
    await load;
    expect(server.log).toEqual(["start a", "end a", "start b", "start c", "end c", "end b", "start d", "end d"]);
    expect(server.calls[3].params).toEqual({ p: "b", q: "c" });
  });

  it("skips the functions of a cycle", async () => {
    const { scheduler, server } = setup({
      functions: { a: fn(), b: fn(), c: fn() },
      bindings: { a: { p: "{{ b.data }}" }, b: { p: "{{ a.data }}" } },
    });
    expect(scheduler.plan.cycles).toEqual([["a", "b"]]);
    const load = scheduler.start();
    await vi.runAllTimersAsync();
    await load;
    expect(server.calls.map((c) => c.fnId)).toEqual(["c"]);
  });
});

describe("runFunction", () => {
  it("sets isFetching, then data, error and lastRunAt; a failure keeps the previous data", async () => {
    const { scheduler, store } = setup({
      functions: { get: fn("manual") },
      answer: (_id, params) => (params.fail ? { delayMs: 10, error: { message: "Nope", status: 422, code: "BLOCK_FAILED", data: { field: "x" } } } : { delayMs: 10, result: [1, 2] }),
    });
    const first = scheduler.runFunction("get", {}, { source: "action" });
    expect(store.get().functions.get.isFetching).toBe(true);
    await vi.runAllTimersAsync();
    expect(await first).toEqual({ status: "success", data: [1, 2] });
    expect(store.get().functions.get).toMatchObject({ data: [1, 2], error: null, isFetching: false });
    expect(store.get().functions.get.lastRunAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const second = scheduler.runFunction("get", { fail: true }, { source: "action" });
    await vi.runAllTimersAsync();
    const error = { message: "Nope", status: 422, code: "BLOCK_FAILED", data: { field: "x" } };
    expect(await second).toEqual({ status: "failure", error });
    expect(store.get().functions.get).toMatchObject({ data: [1, 2], error, isFetching: false });
  });

  it("runs the function's own success and failure handlers with result or error in scope", async () => {
    const ok: Action[] = [{ type: "notify", message: "ok", level: "success" }];
    const ko: Action[] = [{ type: "notify", message: "{{ error.message }}", level: "error" }];
    const { scheduler, events } = setup({
      functions: { get: fn("manual", { onSuccess: ok, onFailure: ko }) },
      answer: (_id, params) => (params.fail ? { error: { message: "Nope", status: 500, code: "X" } } : { result: { n: 1 } }),
    });
    const runs = Promise.all([scheduler.runFunction("get", {}, { source: "action" })]);
    await vi.runAllTimersAsync();
    await runs;
    const failed = scheduler.runFunction("get", { fail: true }, { source: "action" });
    await vi.runAllTimersAsync();
    await failed;
    expect(events).toEqual([
      { actions: ok, scope: { result: { n: 1 } } },
      { actions: ko, scope: { error: { message: "Nope", status: 500, code: "X" } } },
    ]);
  });

  it("lets an older run an event handler started finish for its handler, without showing its late answer", async () => {
    const { scheduler, server, store } = setup({
      functions: { save: fn("manual") },
      answer: (_id, params) => ({ delayMs: params.n === 1 ? 500 : 50, result: params.n }),
    });
    const first = scheduler.runFunction("save", { n: 1 }, { source: "action" });
    const second = scheduler.runFunction("save", { n: 2 }, { source: "action" });
    await vi.advanceTimersByTimeAsync(50);
    expect(await second).toEqual({ status: "success", data: 2 });
    await vi.runAllTimersAsync();
    expect(await first).toEqual({ status: "success", data: 1 });
    expect(server.calls[0].signal.aborted).toBe(false);
    expect(store.get().functions.save.data).toBe(2);
  });

  it("answers for a function the app does not have", async () => {
    const { scheduler } = setup({ functions: {} });
    expect(await scheduler.runFunction("ghost", {}, { source: "action" })).toMatchObject({ status: "failure", error: { code: "UNKNOWN_FUNCTION" } });
  });
});

describe("automatic re-runs", () => {
  function searchPage(answer?: (fnId: string, params: Record<string, unknown>, i: number) => FakeAnswer) {
    return setup({
      functions: { search: fn() },
      bindings: { search: { p: "{{ textInput1.value }}" } },
      components: { textInput1: { value: "" } },
      answer: answer ?? ((_id, params) => ({ delayMs: 50, result: `results for ${String(params.p)}` })),
    });
  }

  it("re-runs once, debounced, when a watched value changes, and not when it comes back", async () => {
    const { scheduler, server, store } = searchPage();
    void scheduler.start();
    await vi.runAllTimersAsync();
    expect(server.calls.map((c) => c.params)).toEqual([{ p: "" }]);

    store.setComponent("textInput1", { value: "a" });
    await vi.advanceTimersByTimeAsync(200);
    store.setComponent("textInput1", { value: "ab" });
    await vi.advanceTimersByTimeAsync(299);
    expect(server.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls.map((c) => c.params)).toEqual([{ p: "" }, { p: "ab" }]);
    await vi.runAllTimersAsync();
    expect(store.get().functions.search.data).toBe("results for ab");

    store.setComponent("textInput1", { value: "abc" });
    await vi.advanceTimersByTimeAsync(100);
    store.setComponent("textInput1", { value: "ab" });
    store.setComponent("other", { value: 1 });
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(2);
  });

  it("lets a newer run supersede one in flight: aborted, its late answer never shown", async () => {
    const { scheduler, server, store } = searchPage((_id, params) => ({ delayMs: params.p === "a" ? 1000 : 50, result: `results for ${String(params.p)}` }));
    void scheduler.start();
    await vi.runAllTimersAsync();
    const seen: unknown[] = [];
    store.subscribe(() => seen.push(store.get().functions.search.data));

    store.setComponent("textInput1", { value: "a" });
    await vi.advanceTimersByTimeAsync(300 + 10);
    expect(server.calls).toHaveLength(2);
    store.setComponent("textInput1", { value: "ab" });
    await vi.advanceTimersByTimeAsync(300);
    expect(server.calls).toHaveLength(3);
    expect(server.calls[1].signal.aborted).toBe(true);
    await vi.runAllTimersAsync();
    expect(store.get().functions.search).toMatchObject({ data: "results for ab", isFetching: false });
    expect(seen).not.toContain("results for a");
  });

  it("stops: pending re-runs are dropped and runs in flight aborted", async () => {
    const { scheduler, server, store } = searchPage();
    void scheduler.start();
    await vi.runAllTimersAsync();
    store.setComponent("textInput1", { value: "x" });
    scheduler.stop();
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(1);

    const again = setup({ functions: { slow: fn("manual") }, answer: () => ({ delayMs: 1000 }) });
    const run = again.scheduler.runFunction("slow", {}, { source: "action" });
    again.scheduler.stop();
    expect(await run).toEqual({ status: "cancelled", reason: "stopped" });
    expect(again.server.calls[0].signal.aborted).toBe(true);
  });

  it("shows a binding that fails as the function's error, without calling it", async () => {
    const { scheduler, server, store } = setup({ functions: { get: fn() }, bindings: { get: { p: "{{ table1.selectedRow.id }}" } }, components: { table1: { selectedRow: null } } });
    void scheduler.start();
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(0);
    expect(store.get().functions.get.error).toMatchObject({ code: "INVALID_BINDING", message: expect.stringContaining('Parameter "p"') });
  });
});
