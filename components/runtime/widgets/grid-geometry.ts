import { GRID_COLUMNS, ROW_HEIGHT, type Layout } from "@/engine/pages";

/** The largest row and height the schema accepts (engine/pages/schema.ts `Layout`). */
export const MAX_Y = 10_000;
export const MAX_H = 200;

export interface Cell {
  col: number;
  row: number;
}

export interface GridRect {
  left: number;
  top: number;
  width: number;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

function int(n: number, fallback: number): number {
  return Number.isFinite(n) ? Math.round(n) : fallback;
}

/**
 * The grid cell under a point (both in viewport coordinates, as from getBoundingClientRect and
 * pointer events): columns are width / GRID_COLUMNS wide, rows `rowHeight` tall. Clamped to
 * the columns and to row ≥ 0.
 */
export function cellFromPoint(point: { x: number; y: number }, rect: GridRect, rowHeight = ROW_HEIGHT): Cell {
  const colWidth = rect.width > 0 ? rect.width / GRID_COLUMNS : 1;
  const col = clamp(Math.floor((point.x - rect.left) / colWidth), 0, GRID_COLUMNS - 1);
  const row = clamp(Math.floor((point.y - rect.top) / Math.max(1, rowHeight)), 0, MAX_Y);
  return { col: int(col, 0), row: int(row, 0) };
}

/** A layout made valid: integers, 1 ≤ w ≤ 12, 0 ≤ x ≤ 12 − w, 1 ≤ h ≤ MAX_H, 0 ≤ y ≤ MAX_Y. */
export function clampLayout(layout: Layout): Layout {
  const w = clamp(int(layout.w, 1), 1, GRID_COLUMNS);
  const h = clamp(int(layout.h, 1), 1, MAX_H);
  return { x: clamp(int(layout.x, 0), 0, GRID_COLUMNS - w), y: clamp(int(layout.y, 0), 0, MAX_Y), w, h };
}

/** Moved by whole cells, keeping its size; stops at the grid's edges. */
export function moveLayout(layout: Layout, dx: number, dy: number): Layout {
  const base = clampLayout(layout);
  return clampLayout({ ...base, x: base.x + dx, y: base.y + dy });
}

/** Resized by whole cells from the bottom-right corner; the top-left stays; at least 1×1 and inside the 12 columns. */
export function resizeLayout(layout: Layout, dw: number, dh: number): Layout {
  const base = clampLayout(layout);
  const w = clamp(base.w + int(dw, 0), 1, GRID_COLUMNS - base.x);
  const h = clamp(base.h + int(dh, 0), 1, MAX_H);
  return { ...base, w, h };
}

export function sameLayout(a: Layout, b: Layout): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

/** The CSS placement of an item on the grid. */
export function gridArea(layout: Layout): { gridColumn: string; gridRow: string } {
  const l = clampLayout(layout);
  return { gridColumn: `${l.x + 1} / span ${l.w}`, gridRow: `${l.y + 1} / span ${l.h}` };
}

/** Rows the grid needs to show every item, plus `extra` empty rows (room to drop into while editing). */
export function gridRows(layouts: readonly Layout[], extra = 0): number {
  let rows = 0;
  for (const l of layouts) rows = Math.max(rows, clampLayout(l).y + clampLayout(l).h);
  return rows + Math.max(0, extra);
}

/** What an arrow key does to the selected item: a one-cell move, or with Shift a one-cell resize. */
export function keyboardLayout(layout: Layout, key: string, shift: boolean): Layout | null {
  const delta: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  const d = delta[key];
  if (!d) return null;
  return shift ? resizeLayout(layout, d[0], d[1]) : moveLayout(layout, d[0], d[1]);
}
