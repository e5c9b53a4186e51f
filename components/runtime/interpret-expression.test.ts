import { describe, expect, it } from "vitest";
import { createAppState, emptyFunctionState } from "./app-state";
import { evaluateTemplate } from "./expressions";
import { freezeValue } from "./freeze-value";

const state = createAppState({
  functions: {
    getOrders: {
      ...emptyFunctionState(),
      data: [
        { id: 1, product: "Lamp", amount: 1250, status: "paid", tags: ["home"] },
        { id: 2, product: "Desk", amount: 30000, status: "open", tags: [] },
      ],
    },
  },
  components: { search: { value: " la " }, table1: { selectedRow: null } },
  page: { name: "orders" },
  url: { query: { id: "7" } },
  currentUser: { name: "Ada", groups: ["ops"] },
}).get();

const value = (expression: string) => {
  const r = evaluateTemplate(`{{ ${expression} }}`, state);
  if (!r.ok) throw new Error(`${expression}: ${r.error}`);
  return r.value;
};
const error = (expression: string) => {
  const r = evaluateTemplate(`{{ ${expression} }}`, state);
  return r.ok ? null : r.error;
};

describe("what expressions can do", () => {
  it("reads members, optional chains and indexes", () => {
    expect(value("getOrders.data[1].product")).toBe("Desk");
    expect(value("getOrders.data?.[0]?.tags?.[0]")).toBe("home");
    expect(value("table1.selectedRow?.id")).toBeUndefined();
    expect(value("table1.selectedRow?.customer.name.first")).toBeUndefined();
    expect(value("'abc'[1] + 'abc'.length")).toBe("b3");
  });

  it("calls read-only methods of strings, arrays and numbers with arrow functions", () => {
    expect(value("getOrders.data.filter(o => o.product.toLowerCase().includes(search.value.trim())).map(o => o.id)")).toEqual([1]);
    expect(value("getOrders.data.reduce((sum, o) => sum + o.amount, 0) / 100")).toBe(312.5);
    expect(value("getOrders.data.find(({ status }) => status === 'open')?.product")).toBe("Desk");
    expect(value("[...getOrders.data].sort((a, b) => b.amount - a.amount).map(o => o.product).join(', ')")).toBe("Desk, Lamp");
    expect(value("getOrders.data.toSorted((a, b) => b.id - a.id)[0].id")).toBe(2);
    expect(value("(getOrders.data[0].amount / 100).toFixed(2)")).toBe("12.50");
    expect(value("'a-b-c'.split('-').slice(1).some(x => x === 'c') && [1, [2, [3]]].flat(2).every(n => n > 0)")).toBe(true);
    expect(value("'x'.padStart(3, '0') + 'Ab'.toUpperCase() + 'a1b2'.replace(/\\d/g, d => `<${d}>`)")).toBe("00xABa<1>b<2>");
  });

  it("builds objects, arrays and text with spread, templates, ternaries and logic", () => {
    expect(value("{ ...url.query, n: Number(url.query.id) + 1, list: [...currentUser.groups, 'all'] }")).toEqual({ id: "7", n: 8, list: ["ops", "all"] });
    expect(value("`${currentUser.name} has ${getOrders.data.length} orders`")).toBe("Ada has 2 orders");
    expect(value("getOrders.data.length > 1 ? 'many' : 'few'")).toBe("many");
    expect(value("table1.selectedRow ?? 'none'")).toBe("none");
    expect(value("!table1.selectedRow && typeof nope === 'undefined' && typeof currentUser")).toBe("object");
    expect(value("(1, 2 ** 3) % 5 | 0")).toBe(3);
  });

  it("uses the safe globals", () => {
    expect(value("Math.max(...getOrders.data.map(o => o.amount))")).toBe(30000);
    expect(value("JSON.parse(JSON.stringify({ a: [1] })).a")).toEqual([1]);
    expect(value("Object.entries({ a: 1, b: 2 }).map(([k, v]) => k + v).join()")).toBe("a1,b2");
    expect(value("Array.isArray(getOrders.data) && Array.from({ length: 3 }, (_, i) => i * 2)")).toEqual([0, 2, 4]);
    expect(value("[parseInt('12px'), parseFloat('1.5'), isNaN('x'), String(12), Boolean(''), Number.isInteger(3)]")).toEqual([12, 1.5, true, "12", false, true]);
    expect(value("encodeURIComponent('a b&c')")).toBe("a%20b%26c");
    expect(value("[1, 2, 3].map(Math.sqrt).map(Math.round)")).toEqual([1, 1, 2]);
  });

  it("runs arrow functions with a block body: const, if, return, throw", () => {
    expect(value("(() => { const total = getOrders.data.length; if (total > 1) { return 'many' } return 'one' })()")).toBe("many");
    expect(value("((a, b = 2, ...rest) => [a, b, rest])(1, undefined, 3, 4)")).toEqual([1, 2, [3, 4]]);
    expect(error("(() => { throw new Error('boom') })()")).toBe("boom");
  });

  it("returns fresh plain data, never functions, and keeps a __proto__ key as data", () => {
    expect(value("{ f: () => 1, list: [() => 2] }")).toEqual({ list: [undefined] });
    const parsed = value(`JSON.parse('{"__proto__": {"x": 1}}')`);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed as object)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(freezeValue(JSON.parse('{"__proto__": {"x": 1}}')))).toBe(Object.prototype);
  });
});

describe("what expressions refuse, with a message for the inspector", () => {
  it.each([
    ["[].constructor", "`constructor` is not allowed in expressions"],
    ["getOrders['__pro' + 'to__']", "`__proto__` is not allowed in expressions"],
    ["fetch('/x')", "`fetch` is not available in expressions"],
    ["document.title", "`document` is not available in expressions"],
    ["nope.x", "nope is not defined"],
    ["search.value = 'x'", "Assignment is not allowed in expressions: they read the state, never change it"],
    ["delete search.value", "`delete` is not allowed in expressions: they read the state, never change it"],
    ["getOrders.data.push(1)", "The array method push is not allowed in expressions"],
    ["'a'.toString", "Methods can only be called in expressions: write toString(…)"],
    ["Math.max.call(null, 1)", "Properties of functions cannot be read in expressions (reading 'call')"],
    ["(function () { return 1 })()", "`function` is not allowed in expressions: write an arrow function"],
    ["String.raw`x`", "Tagged templates are not allowed in expressions"],
    ["import('x')", "Expressions cannot import modules"],
    ["({ get x() { return 1 } })", "Getters and setters are not allowed in expressions"],
    ["(async () => 1)()", "async functions and generators are not allowed in expressions"],
    ["new Date()", "`new` is only allowed as `new Error(message)` in expressions"],
    ["'a' in { a: 1 }", "`in` is not allowed in expressions"],
    ["(() => { for (;;) {} })()", "Loops are not allowed in expressions: use map, filter or reduce"],
    ["getOrders.data[0].nope()", "getOrders.data[0].nope is not a function"],
    ["1; 2", "Unexpected text after the expression: ; 2"],
  ])("%s", (expression, message) => {
    expect(error(expression)).toBe(message);
  });

  it("refuses a forbidden name in a branch that does not run", () => {
    expect(error("true ? 1 : [].constructor")).toBe("`constructor` is not allowed in expressions");
  });
});
