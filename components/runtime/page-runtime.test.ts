import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PageComponent, PageTree } from "@/engine/pages/schema";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createFakeServer } from "./fake-server";
import { createPageRuntime, pageCall, type AppFunction, type PageContext } from "./page-runtime";
import { useAppState } from "./use-app-state";
import { usePageRuntime } from "./use-page-runtime";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function appFunction(name: string, definition: Partial<AppFunction["definition"]> = {}): AppFunction {
  return {
    id: `id-${name}`,
    name,
    definition: {
      runBehavior: "manual",
      runOnPageLoad: false,
      params: [{ name: "id", type: "number", required: false, description: "" }],
      events: { onSuccess: [], onFailure: [] },
      ...definition,
    },
  };
}

const layout = { x: 0, y: 0, w: 4, h: 1 };
const table: PageComponent = { id: "c1", name: "table1", type: "table", layout, props: { data: "{{ getCustomers.data }}" }, events: {} };
const button: PageComponent = {
  id: "c2",
  name: "button1",
  type: "button",
  layout,
  props: { label: "Delete" },
  events: {
    click: [{ type: "runFunction", function: "deleteCustomer", params: { id: "{{ table1.selectedRow.id }}" }, onSuccess: [], onFailure: [] }],
  },
};

function ctx(record: string[]): PageContext {
  return {
    confirm: async () => true,
    notify: (n) => void record.push(`${n.level} ${n.message}`),
    openUrl: () => undefined,
    navigate: () => undefined,
    copy: () => undefined,
  };
}

describe("createPageRuntime", () => {
  it("says what started each call: page.load, the component event, or the function event whose handler made it", async () => {
    const tree: PageTree = { version: 1, components: [table, button], bindings: {} };
    const server = createFakeServer(() => ({ delayMs: 1, result: [] }));
    const runtime = createPageRuntime({
      appFunctions: [
        appFunction("getCustomers", { runOnPageLoad: true }),
        appFunction("deleteCustomer", { events: { onSuccess: [{ type: "runFunction", function: "getCustomers", params: {}, onSuccess: [], onFailure: [] }], onFailure: [] } }),
      ],
      tree,
      pageId: "page-1",
      pageName: "customers",
      urlQuery: {},
      ctx: ctx([]),
      call: server.call,
    });
    const load = runtime.start();
    await vi.runAllTimersAsync();
    await load;
    runtime.store.setComponent("table1", { selectedRow: { id: 1 }, selectedIndex: 0 });
    const click = runtime.fire("button1", "click");
    await vi.runAllTimersAsync();
    expect(await click).toBe("completed");
    expect(server.calls.map((c) => [c.fnId, c.trigger])).toEqual([
      ["id-getCustomers", "page.load"],
      ["id-deleteCustomer", "button1.click"],
      ["id-getCustomers", "deleteCustomer.onSuccess"],
    ]);
    runtime.stop();
  });

  it("pageCall sends the page id and the trigger as headers of POST /api/fn", async () => {
    const seen: Headers[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return Response.json({ result: 1 });
    });
    try {
      await pageCall("page-1")("fn-1", {}, new AbortController().signal, "button1.click");
      await pageCall(undefined)("fn-1", {}, new AbortController().signal, "page.load");
    } finally {
      vi.unstubAllGlobals();
    }
    expect([seen[0].get("x-lathe-page"), seen[0].get("x-lathe-trigger")]).toEqual(["page-1", "button1.click"]);
    expect([seen[1].get("x-lathe-page"), seen[1].get("x-lathe-trigger")]).toEqual([null, "page.load"]);
  });

  it("loads, fires a component's handlers, and runs a function's own handlers after it", async () => {
    const record: string[] = [];
    const tree: PageTree = { version: 1, components: [table, button], bindings: {} };
    const server = createFakeServer((fnId) => ({ delayMs: 10, result: fnId === "id-getCustomers" ? [{ id: 1 }, { id: 2 }] : { ok: true } }));
    const runtime = createPageRuntime({
      appFunctions: [
        appFunction("getCustomers", { runOnPageLoad: true }),
        appFunction("deleteCustomer", { events: { onSuccess: [{ type: "notify", message: "Deleted {{ result.ok }}", level: "success" }, { type: "runFunction", function: "getCustomers", params: {}, onSuccess: [], onFailure: [] }], onFailure: [] } }),
      ],
      tree,
      pageName: "customers",
      urlQuery: {},
      ctx: ctx(record),
      call: server.call,
    });
    expect(runtime.store.get().components.table1).toEqual({ selectedRow: null, selectedIndex: null, searchText: "" });
    const load = runtime.start();
    await vi.runAllTimersAsync();
    await load;
    expect(runtime.store.get().functions.getCustomers.data).toEqual([{ id: 1 }, { id: 2 }]);

    const rows = runtime.store.get().functions.getCustomers.data;
    runtime.store.setComponent("table1", { selectedRow: Array.isArray(rows) ? rows[1] : null, selectedIndex: 1 });
    const click = runtime.fire("button1", "click");
    await vi.runAllTimersAsync();
    expect(await click).toBe("completed");
    expect(server.calls.map((c) => [c.fnId, c.params])).toEqual([["id-getCustomers", {}], ["id-deleteCustomer", { id: 2 }], ["id-getCustomers", {}]]);
    expect(record).toEqual(["success Deleted true"]);
    expect(await runtime.fire("button1", "doubleClick")).toBe("completed");
    runtime.stop();
  });

  it("gives components new to the tree their initial state, and can start again after stop", async () => {
    const runtime = createPageRuntime({ appFunctions: [], tree: { version: 1, components: [], bindings: {} }, pageName: "p", urlQuery: {}, ctx: ctx([]) });
    runtime.update({ tree: { version: 1, components: [table], bindings: {} } });
    expect(runtime.store.get().components.table1).toMatchObject({ selectedRow: null });
    expect(await runtime.runFunction("x", {}, { source: "action" })).toEqual({ status: "cancelled", reason: "stopped" });
    await runtime.start();
    runtime.stop();
    await runtime.start();
    expect(await runtime.runFunction("x", {}, { source: "action" })).toMatchObject({ status: "failure", error: { code: "UNKNOWN_FUNCTION" } });
    runtime.stop();
  });
});

describe("usePageRuntime", () => {
  it("renders from the page's initial state (effects, and so the scheduler, do not run on the server)", () => {
    const tree: PageTree = { version: 1, components: [table], bindings: {} };
    const call = vi.fn(async () => null);
    function Page() {
      const { store } = usePageRuntime({ appFunctions: [appFunction("getCustomers", { runBehavior: "automatic" })], tree, pageName: "p", urlQuery: {}, ctx: ctx([]), call });
      const search = useAppState(store, (s) => s.components.table1?.searchText);
      return createElement("p", null, `search "${String(search)}"`);
    }
    expect(renderToString(createElement(Page))).toContain("search &quot;&quot;");
    expect(call).not.toHaveBeenCalled();
  });
});

describe("forms", () => {
  it("keep their data in step with the inputs inside them, before a handler reads it", async () => {
    const input = (id: string, name: string, parentId: string, type: PageComponent["type"] = "textInput"): PageComponent => ({ id, name, type, parentId, layout, props: {}, events: {} });
    const tree: PageTree = {
      version: 1,
      components: [
        { id: "f", name: "form1", type: "form", layout, props: {}, events: { submit: [{ type: "notify", message: "{{ form1.data.email }} {{ form1.data.agree }}", level: "info" }] } },
        input("e", "email", "f"),
        { id: "box", name: "box1", type: "container", parentId: "f", layout, props: {}, events: {} },
        input("a", "agree", "box", "checkbox"),
        input("o", "outside", "nowhere"),
        { id: "t", name: "title", type: "text", parentId: "f", layout, props: {}, events: {} },
      ],
      bindings: {},
    };
    const record: string[] = [];
    const runtime = createPageRuntime({ appFunctions: [], tree, pageName: "p", urlQuery: {}, ctx: ctx(record) });
    expect(runtime.store.get().components.form1.data).toEqual({ email: "", agree: false });
    runtime.store.setComponent("email", { value: "ada@example.com" });
    runtime.store.setComponent("agree", { value: true });
    await runtime.fire("form1", "submit");
    expect(record).toEqual(["info ada@example.com true"]);
  });
});
