import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Action } from "@/engine/model/action";
import { runActions, type ActionContext } from "./actions";
import { createAppState } from "./app-state";
import { createFakeServer, type FakeAnswer } from "./fake-server";
import type { RuntimeFunction } from "./function-runner";
import { initialAppState } from "./initial-state";
import { createRunScheduler } from "./scheduler";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function fn(id: string, params: string[]): RuntimeFunction {
  return {
    id,
    runBehavior: "manual",
    runOnPageLoad: false,
    params: params.map((name) => ({ name, type: "json", required: false, description: "" })),
    events: { onSuccess: [], onFailure: [] },
  };
}

const CUSTOMERS = [
  { id: 1, name: "Ada" },
  { id: 2, name: "Bo" },
];

/** A page with a customers table, a search input and two functions, and a recording context. */
function page(answer: (fnId: string, params: Record<string, unknown>) => FakeAnswer, confirmAnswer = true) {
  const functions = { deleteCustomer: fn("deleteCustomer", ["id"]), searchCustomers: fn("searchCustomers", ["q"]) };
  const initial = initialAppState({ functionNames: Object.keys(functions), tree: { version: 1, components: [], bindings: {} }, pageName: "p", urlQuery: {} });
  const store = createAppState({ ...initial, components: { table1: { selectedRow: CUSTOMERS[1], selectedIndex: 1, searchText: "" }, textInput1: { value: "" } } });
  const server = createFakeServer((id, params) => ({ delayMs: 20, ...answer(id, params) }));
  const record: string[] = [];
  const scheduler = createRunScheduler({ state: store, functions, bindings: {}, call: server.call, onEvents: async (a, scope) => void (await runActions(a, ctx, scope)) });
  const ctx: ActionContext = {
    state: store,
    runFunction: scheduler.runFunction,
    confirm: async (m) => (record.push(`confirm ${m}`), confirmAnswer),
    notify: (n) => void record.push(`${n.level} ${n.message}`),
    openUrl: (u, newTab) => void record.push(`open ${u}${newTab ? " (new tab)" : ""}`),
    navigate: (p, q) => void record.push(`page ${p} ${JSON.stringify(q)}`),
    copy: (t) => void record.push(`copy ${t}`),
  };
  /** Runs a chain to its end, moving the fake clock as calls need. */
  const run = async (actions: Action[], extra?: Record<string, unknown>) => {
    const chain = runActions(actions, ctx, extra);
    await vi.runAllTimersAsync();
    return chain;
  };
  return { store, server, record, run };
}

const deleteSelected = (onSuccess: Action[], onFailure: Action[], confirm?: string): Action => ({
  type: "runFunction",
  function: "deleteCustomer",
  params: { id: "{{ table1.selectedRow.id }}" },
  confirm,
  onSuccess,
  onFailure,
});

describe("runActions", () => {
  it("runs a function with mapped parameters, then its success handlers with result in scope", async () => {
    const { run, server, record, store } = page(() => ({ result: { deleted: 2 } }));
    const result = await run([
      deleteSelected(
        [
          { type: "notify", message: "Deleted {{ table1.selectedRow.name }} ({{ result.deleted }})", level: "success" },
          { type: "runFunction", function: "searchCustomers", params: { q: "{{ textInput1.value }}" }, onSuccess: [], onFailure: [] },
        ],
        [{ type: "notify", message: "never", level: "error" }],
      ),
      { type: "copy", text: "{{ deleteCustomer.data.deleted }}" },
    ]);
    expect(server.calls.map((c) => [c.fnId, c.params])).toEqual([["deleteCustomer", { id: 2 }], ["searchCustomers", { q: "" }]]);
    expect(record).toEqual(["success Deleted Bo (2)", "copy 2"]);
    expect(result).toBe("completed");
    expect(store.get().functions.deleteCustomer.data).toEqual({ deleted: 2 });
  });

  it("runs the failure handlers with error.message, code and status in scope", async () => {
    const { run, record, store } = page(() => ({ error: { message: "Customer has open orders", status: 409, code: "BLOCK_FAILED" } }));
    const result = await run([
      deleteSelected([{ type: "notify", message: "never", level: "success" }], [{ type: "notify", message: "{{ error.message }} ({{ error.code }}, {{ error.status }})", level: "error" }]),
      { type: "notify", message: "after", level: "info" },
    ]);
    expect(record).toEqual(["error Customer has open orders (BLOCK_FAILED, 409)", "info after"]);
    expect(result).toBe("completed");
    expect(store.get().functions.deleteCustomer.error).toMatchObject({ message: "Customer has open orders" });
  });

  it("runs nothing when the confirmation is cancelled, and stops the chain", async () => {
    const { run, server, record } = page(() => ({ result: null }), false);
    const result = await run([
      deleteSelected([{ type: "notify", message: "never", level: "success" }], [], "Delete {{ table1.selectedRow.name }}?"),
      { type: "notify", message: "never either", level: "info" },
    ]);
    expect(record).toEqual(["confirm Delete Bo?"]);
    expect(server.calls).toHaveLength(0);
    expect(result).toBe("stopped");
  });

  it("runs after a confirmation is accepted", async () => {
    const { run, server, record } = page(() => ({ result: null }), true);
    await run([deleteSelected([{ type: "notify", message: "done", level: "success" }], [], "Delete {{ table1.selectedRow.name }}?")]);
    expect(record).toEqual(["confirm Delete Bo?", "success done"]);
    expect(server.calls).toHaveLength(1);
  });

  it("sets a value that the next action reads", async () => {
    const { run, server, store } = page(() => ({ result: [] }));
    await run([
      { type: "setValue", component: "textInput1", value: "{{ table1.selectedRow.name.toLowerCase() }}" },
      { type: "runFunction", function: "searchCustomers", params: { q: "{{ textInput1.value }}" }, onSuccess: [], onFailure: [] },
    ]);
    expect(store.get().components.textInput1.value).toBe("bo");
    expect(server.calls[0].params).toEqual({ q: "bo" });
  });

  it("stops the chain at a template that throws, and notifies the error", async () => {
    const { run, server, record } = page(() => ({ result: null }));
    const result = await run([
      { type: "notify", message: "first", level: "info" },
      { type: "runFunction", function: "deleteCustomer", params: { id: "{{ table1.selectedRow.customer.id }}" }, onSuccess: [], onFailure: [] },
      { type: "notify", message: "never", level: "info" },
    ]);
    expect(record).toEqual(["info first", expect.stringMatching(/^error "id": .*id/)]);
    expect(server.calls).toHaveLength(0);
    expect(result).toBe("stopped");
  });

  it("stops a parent chain when a nested handler fails", async () => {
    const { run, record } = page(() => ({ result: null }));
    const result = await run([
      deleteSelected([{ type: "notify", message: "{{ nope }}", level: "info" }], []),
      { type: "notify", message: "never", level: "info" },
    ]);
    expect(record).toEqual(["error nope is not defined"]);
    expect(result).toBe("stopped");
  });

  it("opens URLs and pages and copies text, with handler names in scope", async () => {
    const { run, record } = page(() => ({ result: null }));
    await run(
      [
        { type: "openUrl", url: "https://example.com/c/{{ table1.selectedRow.id }}", newTab: true },
        { type: "openPage", page: "details", query: { id: "{{ table1.selectedRow.id }}", from: "list" } },
        { type: "copy", text: "{{ item.name }}" },
      ],
      { item: { name: "Cy" } },
    );
    expect(record).toEqual(["open https://example.com/c/2 (new tab)", 'page details {"id":"2","from":"list"}', "copy Cy"]);
  });

  it("never throws, even when a browser part does", async () => {
    const { store } = page(() => ({ result: null }));
    const messages: string[] = [];
    const ctx: ActionContext = {
      state: store,
      runFunction: async () => ({ status: "success", data: null }),
      confirm: async () => true,
      notify: (n) => {
        messages.push(n.message);
        if (n.level === "error") throw new Error("toasts are broken too");
      },
      openUrl: () => undefined,
      navigate: () => undefined,
      copy: async () => {
        throw new Error("Clipboard denied");
      },
    };
    await expect(runActions([{ type: "copy", text: "x" }, { type: "notify", message: "never", level: "info" }], ctx)).resolves.toBe("stopped");
    expect(messages).toEqual(["Clipboard denied"]);
  });
});
