import { describe, expect, it } from "vitest";
import { createAppState, emptyFunctionState, type AppState } from "./app-state";
import { compiledExpression } from "./compile-expression";
import { evaluateProps, evaluateTemplate, readsOf } from "./expressions";

function pageState(): AppState {
  const store = createAppState({
    functions: {
      getCustomers: {
        ...emptyFunctionState(),
        data: [
          { id: 1, name: "Ada", tags: ["vip"], address: { city: "Paris" } },
          { id: 2, name: "Bo", tags: [], address: { city: "Oslo" } },
        ],
      },
    },
    components: { textInput1: { value: "ad" }, table1: { selectedRow: null, selectedIndex: null, searchText: "" } },
    page: { name: "customers" },
    url: { query: { tab: "all" } },
    currentUser: { name: "You" },
  });
  return store.get();
}

const ok = (value: unknown) => ({ ok: true, value });

describe("evaluateTemplate", () => {
  const state = pageState();

  it("yields the value itself for exactly one expression, whitespace around it allowed", () => {
    expect(evaluateTemplate("{{ getCustomers.data }}", state)).toEqual(ok(state.functions.getCustomers.data));
    expect(evaluateTemplate("  {{ getCustomers.data[0].address.city }} ", state)).toEqual(ok("Paris"));
    expect(evaluateTemplate("{{ getCustomers.data.length > 1 }}", state)).toEqual(ok(true));
    expect(evaluateTemplate("{{ table1.selectedRow }}", state)).toEqual(ok(null));
    expect(evaluateTemplate("{{ getCustomers.data.filter(r => r.name.toLowerCase().startsWith(textInput1.value)).map(r => r.id) }}", state)).toEqual(ok([1]));
    expect(evaluateTemplate("{{ { n: getCustomers.data.length, q: url.query.tab } }}", state)).toEqual(ok({ n: 2, q: "all" }));
  });

  it("yields a string for mixed text: objects as JSON, null and undefined as empty", () => {
    expect(evaluateTemplate("Hello {{ currentUser.name }}, {{ getCustomers.data.length }} rows", state)).toEqual(ok("Hello You, 2 rows"));
    expect(evaluateTemplate("row: {{ table1.selectedRow }}|{{ undefined }}|{{ getCustomers.data[0].tags }}", state)).toEqual(ok('row: ||["vip"]'));
    expect(evaluateTemplate("On {{ page.name }}", state)).toEqual(ok("On customers"));
  });

  it("gives plain text back as it is", () => {
    expect(evaluateTemplate("Customers", state)).toEqual(ok("Customers"));
    expect(evaluateTemplate("", state)).toEqual(ok(""));
    expect(evaluateTemplate("a {{ b", state)).toEqual(ok("a {{ b"));
  });

  it("returns the error message of a failing expression instead of throwing", () => {
    expect(evaluateTemplate("{{ nope.data }}", state)).toEqual({ ok: false, error: "nope is not defined" });
    const typeError = evaluateTemplate("{{ table1.selectedRow.id }}", state);
    expect(typeError.ok).toBe(false);
    expect(!typeError.ok && typeError.error).toMatch(/null/);
    expect(evaluateTemplate("{{ 1 + }}", state).ok).toBe(false);
    expect(evaluateTemplate("Total: {{ (() => { throw new Error('boom') })() }}", state)).toEqual({ ok: false, error: "boom" });
    expect(evaluateTemplate("{{ (() => { throw 'plain' })() }}", state)).toEqual({ ok: false, error: "plain" });
  });

  it("reads handler names (result, error) from the extra scope", () => {
    expect(evaluateTemplate("Deleted {{ result.name }}", state, { result: { name: "Ada" } })).toEqual(ok("Deleted Ada"));
    expect(evaluateTemplate("{{ error.message }}", state, { error: { message: "No" } })).toEqual(ok("No"));
  });
});

describe("read-only evaluation", () => {
  it("cannot change the state: its values are frozen, and assigning a name only rebinds a parameter", () => {
    const state = pageState();
    const before = JSON.stringify(state);
    expect(evaluateTemplate("{{ textInput1.value = 'x' }}", state).ok).toBe(false);
    expect(evaluateTemplate("{{ getCustomers.data.push({ id: 3 }) }}", state).ok).toBe(false);
    expect(evaluateTemplate("{{ getCustomers.data[0].address.city = 'Rome' }}", state).ok).toBe(false);
    expect(evaluateTemplate("{{ delete getCustomers.data }}", state).ok).toBe(false);
    expect(evaluateTemplate("{{ getCustomers.data.sort((a, b) => b.id - a.id) }}", state).ok).toBe(false);
    evaluateTemplate("{{ textInput1 = { value: 'x' } }}", state);
    expect(JSON.stringify(state)).toBe(before);
    expect(evaluateTemplate("{{ textInput1.value }}", state)).toEqual(ok("ad"));
  });

  it("cannot reach the network, storage, the DOM or code generation by name", () => {
    const state = pageState();
    for (const source of [
      "fetch('/api/fn')",
      "new XMLHttpRequest()",
      "window.location.href",
      "globalThis.fetch('/x')",
      "document.cookie",
      "localStorage.getItem('k')",
      "eval('1 + 1')",
      "Function('return 1')()",
      "setTimeout(() => 1)",
      "import('node:fs')",
      "[...import('node:fs')]",
      "`${import('node:fs')}`",
    ]) {
      const r = evaluateTemplate(`{{ ${source} }}`, state);
      expect(r.ok, source).toBe(false);
    }
    expect(evaluateTemplate("{{ fetch }}", state)).toEqual(ok(undefined));
    expect(evaluateTemplate("{{ this }}", state)).toEqual(ok(undefined));
  });

  it("refuses text that would close the wrapper around the expression", () => {
    const state = pageState();
    expect(evaluateTemplate("{{ 1); (2 }}", state).ok).toBe(false);
    expect(evaluateTemplate("{{ 1]; [2 }}", state).ok).toBe(false);
    expect(evaluateTemplate("{{ 1 }; globalThis.x = 1; function f() { return (1 }}", state).ok).toBe(false);
  });

  it("keeps functions out of what expressions return", () => {
    const state = pageState();
    expect(evaluateTemplate("{{ () => 1 }}", state)).toEqual(ok(undefined));
    expect(evaluateTemplate("{{ ({ a: 1, f: () => 1 }) }}", state)).toEqual(ok({ a: 1 }));
  });
});

describe("compiled expressions", () => {
  it("are cached by source and the names in scope", () => {
    const inScope = (n: string) => n === "textInput1";
    const a = compiledExpression("textInput1.value.length", inScope);
    expect(compiledExpression("textInput1.value.length", inScope)).toBe(a);
    expect("names" in a && a.names).toEqual(["textInput1"]);
  });
});

describe("evaluateProps", () => {
  it("evaluates string props as templates, passes other JSON through, collects errors", () => {
    const props = { data: "{{ getCustomers.data }}", title: "{{ getCustomers.data.length }} customers", pageSize: 10, bad: "{{ nope }}", columns: [{ key: "id" }] };
    const { values, errors } = evaluateProps(props, pageState());
    expect(values.title).toBe("2 customers");
    expect(values.pageSize).toBe(10);
    expect(values.columns).toEqual([{ key: "id" }]);
    expect(values.data).toHaveLength(2);
    expect(values.bad).toBeUndefined();
    expect(errors).toEqual({ bad: "nope is not defined" });
  });
});

describe("readsOf", () => {
  it("lists root names, not properties, strings, keys or keywords", () => {
    expect(readsOf("{{ getCustomers.data[0].name }} and {{ table1.selectedRow?.id }}")).toEqual(["getCustomers", "table1"]);
    expect(readsOf("{{ { id: textInput1.value, 'x': select1.value, checkbox1 } }}")).toEqual(["textInput1", "select1", "checkbox1"]);
    expect(readsOf("{{ cond ? a : b }}")).toEqual(["cond", "a", "b"]);
    expect(readsOf("{{ 'getCustomers.data' + `${form1.data.x}` }}")).toEqual(["form1"]);
    expect(readsOf("{{ [...getA.data, ...getB.data] }}")).toEqual(["getA", "getB"]);
    expect(readsOf("{{ typeof x === 'undefined' || null }}")).toEqual(["x"]);
    expect(readsOf("no expressions")).toEqual([]);
  });

  it("over-approximates: an arrow function's parameter is reported too", () => {
    expect(readsOf("{{ getCustomers.data.map(row => row.id) }}")).toEqual(["getCustomers", "row"]);
  });
});
