import { compactJson } from "./prop-values";

/**
 * The table widget's pure model: columns, cells, search, sort and pages. The widget keeps the
 * sort and page in React state and the search text in the component's state (`searchText`).
 */

/** How many rows column inference looks at. */
export const COLUMN_SAMPLE = 50;
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 1000;
/** The column a row that is not an object (a bare string or number) shows its value in. */
export const VALUE_COLUMN = "value";

export type SortDirection = "asc" | "desc";
export interface SortState {
  column: string;
  direction: SortDirection;
}

/** A row with its index in the original data (what `selectedIndex` reports). */
export interface IndexedRow {
  row: unknown;
  index: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Union of the keys of the first COLUMN_SAMPLE rows, in first-seen order. */
export function inferColumns(rows: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const row of rows.slice(0, COLUMN_SAMPLE)) {
    if (isRecord(row)) for (const key of Object.keys(row)) seen.add(key);
    else seen.add(VALUE_COLUMN);
  }
  return [...seen];
}

/** The `columns` prop when it is an array of strings (others dropped); otherwise inferred. */
export function resolveColumns(columnsProp: unknown, rows: readonly unknown[]): string[] {
  if (Array.isArray(columnsProp)) {
    const keys = columnsProp.filter((c): c is string => typeof c === "string" && c !== "");
    if (keys.length > 0) return [...new Set(keys)];
  }
  return inferColumns(rows);
}

export function cellValue(row: unknown, column: string): unknown {
  if (isRecord(row)) return row[column];
  return column === VALUE_COLUMN ? row : undefined;
}

/** A cell as text: primitives as text, null/undefined empty, objects as compact JSON. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return compactJson(value);
}

/** Rows whose any cell (of the shown columns) contains the query, case-insensitively. */
export function filterRows(rows: readonly IndexedRow[], columns: readonly string[], query: string): IndexedRow[] {
  const q = query.trim().toLocaleLowerCase();
  if (q === "") return [...rows];
  return rows.filter(({ row }) => columns.some((c) => cellText(cellValue(row, c)).toLocaleLowerCase().includes(q)));
}

/**
 * Ascending order of two cells: numbers numerically, strings with localeCompare (numeric
 * aware), booleans false first, anything else by its text. Empty cells always sort last.
 */
export function compareCells(a: unknown, b: unknown): number {
  const aEmpty = a === undefined || a === null || a === "";
  const bEmpty = b === undefined || b === null || b === "";
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return cellText(a).localeCompare(cellText(b), undefined, { numeric: true, sensitivity: "base" });
}

/** Sorted copy; stable (equal cells keep their data order), empty cells last in both directions. */
export function sortRows(rows: readonly IndexedRow[], sort: SortState | null): IndexedRow[] {
  const copy = [...rows];
  if (!sort) return copy;
  const sign = sort.direction === "asc" ? 1 : -1;
  return copy.sort((x, y) => {
    const a = cellValue(x.row, sort.column);
    const b = cellValue(y.row, sort.column);
    const aEmpty = a === undefined || a === null || a === "";
    const bEmpty = b === undefined || b === null || b === "";
    if (aEmpty || bEmpty) return compareCells(a, b) || x.index - y.index;
    return sign * compareCells(a, b) || x.index - y.index;
  });
}

/** Clicking a header: none → asc → desc → none; another column starts at asc. */
export function nextSort(current: SortState | null, column: string): SortState | null {
  if (!current || current.column !== column) return { column, direction: "asc" };
  return current.direction === "asc" ? { column, direction: "desc" } : null;
}

export function normalisePageSize(value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.floor(n));
}

export interface PageInfo {
  /** Zero-based, clamped into range. */
  page: number;
  pageCount: number;
  start: number;
  end: number;
  /** "1–10 of 42", or "0 of 0". */
  label: string;
}

export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pageCount - 1);
  const start = p * size;
  const end = Math.min(total, start + size);
  return { page: p, pageCount, start, end, label: total === 0 ? "0 of 0" : `${start + 1}–${end} of ${total}` };
}

export interface TableView {
  columns: string[];
  /** The rows of the current page. */
  rows: IndexedRow[];
  /** Rows after the search. */
  matched: number;
  page: PageInfo;
}

/** Everything the widget draws for one render. */
export function tableView(
  data: readonly unknown[],
  options: { columns: unknown; searchText: string; sort: SortState | null; page: number; pageSize: number },
): TableView {
  const columns = resolveColumns(options.columns, data);
  const indexed = data.map((row, index) => ({ row, index }));
  const sorted = sortRows(filterRows(indexed, columns, options.searchText), options.sort);
  const page = pageInfo(sorted.length, options.page, options.pageSize);
  return { columns, rows: sorted.slice(page.start, page.end), matched: sorted.length, page };
}
