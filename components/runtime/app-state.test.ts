import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { PageComponent, PageTree } from "@/engine/pages/schema";
import { createAppState } from "./app-state";
import { componentLoading } from "./component-loading";
import { initialAppState, initialComponentState } from "./initial-state";
import { useAppState } from "./use-app-state";

function component(name: string, type: PageComponent["type"], props: PageComponent["props"] = {}): PageComponent {
  return { id: name, name, type, layout: { x: 0, y: 0, w: 4, h: 1 }, props, events: {} };
}

function tree(components: PageComponent[]): PageTree {
  return { version: 1, components, bindings: {} };
}

const base = () => initialAppState({ functionNames: ["getCustomers"], tree: tree([]), pageName: "home", urlQuery: { id: "7" } });

describe("createAppState", () => {
  it("replaces what changes, notifies subscribers, and skips writes that change nothing", () => {
    const store = createAppState(base());
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const before = store.get();
    store.setFunction("getCustomers", { isFetching: true });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).not.toBe(before);
    expect(store.get().functions.getCustomers).toEqual({ data: null, error: null, isFetching: true, lastRunAt: null });
    store.setFunction("getCustomers", { isFetching: true });
    expect(listener).toHaveBeenCalledTimes(1);
    store.setComponent("textInput1", { value: "a" });
    expect(store.get().components.textInput1).toEqual({ value: "a" });
    expect(store.get().functions).toBe(store.get().functions);
    unsubscribe();
    store.setComponent("textInput1", { value: "b" });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("holds deep-frozen plain copies, without functions", () => {
    const store = createAppState(base());
    const rows = [{ id: 1, at: new Date("2024-01-02T00:00:00Z") }];
    store.setFunction("getCustomers", { data: rows });
    const data = store.get().functions.getCustomers.data;
    expect(data).toEqual([{ id: 1, at: "2024-01-02T00:00:00.000Z" }]);
    expect(Object.isFrozen(data)).toBe(true);
    rows[0].id = 2;
    expect(data).toEqual([{ id: 1, at: "2024-01-02T00:00:00.000Z" }]);
    store.setComponent("x", { value: () => 1, nested: { f: () => 2, n: 1 } });
    expect(store.get().components.x).toEqual({ nested: { n: 1 } });
    expect(Object.isFrozen(store.get())).toBe(true);
    expect(Object.isFrozen(store.get().url.query)).toBe(true);
  });
});

describe("initialComponentState", () => {
  const state = base();
  it("gives inputs their evaluated default value, or empty", () => {
    expect(initialComponentState(component("t", "textInput", { defaultValue: "id {{ url.query.id }}" }), state)).toEqual({ value: "id 7" });
    expect(initialComponentState(component("t", "textInput"), state)).toEqual({ value: "" });
    expect(initialComponentState(component("n", "numberInput", { defaultValue: "{{ Number(url.query.id) }}" }), state)).toEqual({ value: 7 });
    expect(initialComponentState(component("n", "numberInput", { defaultValue: 3 }), state)).toEqual({ value: 3 });
    expect(initialComponentState(component("s", "select", { defaultValue: "{{ nope }}" }), state)).toEqual({ value: null });
    expect(initialComponentState(component("c", "checkbox"), state)).toEqual({ value: false });
    expect(initialComponentState(component("d", "datePicker"), state)).toEqual({ value: "" });
  });

  it("gives tables a selection and search, forms their data, and others nothing", () => {
    expect(initialComponentState(component("table1", "table"), state)).toEqual({ selectedRow: null, selectedIndex: null, searchText: "" });
    expect(initialComponentState(component("form1", "form"), state)).toEqual({ data: {} });
    expect(initialComponentState(component("button1", "button"), state)).toBeNull();
  });

  it("lets a default value read a component before it in the tree", () => {
    const s = initialAppState({
      functionNames: [],
      tree: tree([component("a", "textInput", { defaultValue: "x" }), component("b", "textInput", { defaultValue: "{{ a.value }}y" })]),
      pageName: "home",
      urlQuery: {},
    });
    expect(s.components.b).toEqual({ value: "xy" });
    expect(s.currentUser).toEqual({ name: "You" });
  });
});

describe("useAppState", () => {
  it("renders the selected slice", () => {
    const store = createAppState(base());
    store.setFunction("getCustomers", { data: [{ id: 1 }, { id: 2 }] });
    function Count() {
      const data = useAppState(store, (s) => s.functions.getCustomers.data);
      return createElement("p", null, `${Array.isArray(data) ? data.length : 0} rows`);
    }
    expect(renderToString(createElement(Count))).toContain("2 rows");
  });
});

describe("componentLoading", () => {
  it("is true while a function a prop reads is running", () => {
    const store = createAppState(base());
    const table = component("table1", "table", { data: "{{ getCustomers.data }}", pageSize: 10 });
    expect(componentLoading(table, store.get())).toBe(false);
    store.setFunction("getCustomers", { isFetching: true });
    expect(componentLoading(table, store.get())).toBe(true);
    expect(componentLoading(component("t", "text", { value: "Hello" }), store.get())).toBe(false);
  });
});
