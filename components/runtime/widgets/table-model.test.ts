import { describe, expect, it } from "vitest";
import {
  cellText,
  compareCells,
  filterRows,
  inferColumns,
  nextSort,
  normalisePageSize,
  pageInfo,
  resolveColumns,
  sortRows,
  tableView,
  type IndexedRow,
} from "./table-model";

const indexed = (rows: unknown[]): IndexedRow[] => rows.map((row, index) => ({ row, index }));

describe("columns", () => {
  it("infers the union of keys in first-seen order", () => {
    expect(inferColumns([{ a: 1, b: 2 }, { c: 3, a: 4 }, { d: 5 }])).toEqual(["a", "b", "c", "d"]);
  });

  it("looks at the first 50 rows only", () => {
    const rows = [...Array.from({ length: 50 }, () => ({ a: 1 })), { late: 1 }];
    expect(inferColumns(rows)).toEqual(["a"]);
  });

  it("gives bare values a value column", () => {
    expect(inferColumns(["x", { a: 1 }])).toEqual(["value", "a"]);
  });

  it("uses the columns prop when it holds strings, else infers", () => {
    expect(resolveColumns(["b", 3, "b", "a"], [{ a: 1, b: 2 }])).toEqual(["b", "a"]);
    expect(resolveColumns("nope", [{ a: 1 }])).toEqual(["a"]);
    expect(resolveColumns([], [{ a: 1 }])).toEqual(["a"]);
  });
});

describe("cells", () => {
  it("renders primitives as text and objects as compact JSON", () => {
    expect(cellText(null)).toBe("");
    expect(cellText(undefined)).toBe("");
    expect(cellText(3.5)).toBe("3.5");
    expect(cellText(false)).toBe("false");
    expect(cellText({ a: [1, "x"] })).toBe('{"a":[1,"x"]}');
  });
});

describe("filterRows", () => {
  const rows = indexed([{ name: "Ada", age: 36 }, { name: "Bob", tags: ["admin"] }, { name: "Cy" }]);
  it("keeps rows whose any cell includes the query, ignoring case", () => {
    expect(filterRows(rows, ["name", "age", "tags"], "ADA").map((r) => r.index)).toEqual([0]);
    expect(filterRows(rows, ["name", "age", "tags"], "36").map((r) => r.index)).toEqual([0]);
    expect(filterRows(rows, ["name", "age", "tags"], "admin").map((r) => r.index)).toEqual([1]);
  });
  it("keeps everything for an empty query", () => {
    expect(filterRows(rows, ["name"], "  ")).toHaveLength(3);
  });
});

describe("sorting", () => {
  it("compares numbers numerically and strings with localeCompare", () => {
    expect(compareCells(9, 10)).toBeLessThan(0);
    expect(compareCells("item 9", "item 10")).toBeLessThan(0);
    expect(compareCells("b", "A")).toBeGreaterThan(0);
  });

  it("sorts asc and desc, stable, with empty cells last", () => {
    const rows = indexed([{ n: 2, k: "a" }, { n: null }, { n: 1 }, { n: 2, k: "b" }, {}]);
    const asc = sortRows(rows, { column: "n", direction: "asc" }).map((r) => r.index);
    expect(asc).toEqual([2, 0, 3, 1, 4]);
    const desc = sortRows(rows, { column: "n", direction: "desc" }).map((r) => r.index);
    expect(desc).toEqual([0, 3, 2, 1, 4]);
    expect(sortRows(rows, null).map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it("cycles asc → desc → none, and restarts on another column", () => {
    const asc = nextSort(null, "a");
    expect(asc).toEqual({ column: "a", direction: "asc" });
    const desc = nextSort(asc, "a");
    expect(desc).toEqual({ column: "a", direction: "desc" });
    expect(nextSort(desc, "a")).toBeNull();
    expect(nextSort(desc, "b")).toEqual({ column: "b", direction: "asc" });
  });
});

describe("pages", () => {
  it("labels and clamps pages", () => {
    expect(pageInfo(42, 0, 10)).toMatchObject({ start: 0, end: 10, pageCount: 5, label: "1–10 of 42" });
    expect(pageInfo(42, 4, 10)).toMatchObject({ start: 40, end: 42, label: "41–42 of 42" });
    expect(pageInfo(42, 99, 10).page).toBe(4);
    expect(pageInfo(0, 3, 10)).toMatchObject({ page: 0, pageCount: 1, label: "0 of 0" });
  });

  it("normalises the page size", () => {
    expect(normalisePageSize(25)).toBe(25);
    expect(normalisePageSize("5")).toBe(5);
    expect(normalisePageSize(0)).toBe(10);
    expect(normalisePageSize("x")).toBe(10);
    expect(normalisePageSize(1e9)).toBe(1000);
  });
});

describe("tableView", () => {
  it("searches, then sorts, then pages, keeping indexes into the data", () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ id: i, team: i % 2 === 0 ? "even" : "odd" }));
    const view = tableView(data, { columns: undefined, searchText: "odd", sort: { column: "id", direction: "desc" }, page: 1, pageSize: 10 });
    expect(view.columns).toEqual(["id", "team"]);
    expect(view.matched).toBe(15);
    expect(view.page.label).toBe("11–15 of 15");
    expect(view.rows.map((r) => r.index)).toEqual([9, 7, 5, 3, 1]);
  });
});
