import { describe, expect, it } from "vitest";
import { cellFromPoint, clampLayout, gridArea, gridRows, keyboardLayout, moveLayout, resizeLayout, sameLayout } from "./grid-geometry";

const rect = { left: 100, top: 50, width: 1200 }; // 100px columns

describe("cellFromPoint", () => {
  it("maps a point to its column and row", () => {
    expect(cellFromPoint({ x: 100, y: 50 }, rect, 40)).toEqual({ col: 0, row: 0 });
    expect(cellFromPoint({ x: 399, y: 129 }, rect, 40)).toEqual({ col: 2, row: 1 });
    expect(cellFromPoint({ x: 400, y: 130 }, rect, 40)).toEqual({ col: 3, row: 2 });
  });

  it("clamps outside the grid", () => {
    expect(cellFromPoint({ x: 0, y: 0 }, rect, 40)).toEqual({ col: 0, row: 0 });
    expect(cellFromPoint({ x: 5000, y: 450 }, rect, 40)).toEqual({ col: 11, row: 10 });
  });

  it("survives a zero-width grid", () => {
    expect(cellFromPoint({ x: 105, y: 50 }, { left: 100, top: 50, width: 0 }, 40).col).toBe(5);
  });
});

describe("clampLayout", () => {
  it("keeps valid layouts", () => {
    expect(clampLayout({ x: 2, y: 3, w: 4, h: 5 })).toEqual({ x: 2, y: 3, w: 4, h: 5 });
  });
  it("fits items in the 12 columns and rounds", () => {
    expect(clampLayout({ x: 10, y: -2, w: 4, h: 0 })).toEqual({ x: 8, y: 0, w: 4, h: 1 });
    expect(clampLayout({ x: 0.6, y: 1.4, w: 20, h: 2.5 })).toEqual({ x: 0, y: 1, w: 12, h: 3 });
    expect(clampLayout({ x: Number.NaN, y: 0, w: Number.NaN, h: 1 })).toEqual({ x: 0, y: 0, w: 1, h: 1 });
  });
});

describe("moveLayout", () => {
  it("moves by cells and stops at the edges, keeping the size", () => {
    expect(moveLayout({ x: 2, y: 2, w: 4, h: 2 }, 3, 1)).toEqual({ x: 5, y: 3, w: 4, h: 2 });
    expect(moveLayout({ x: 2, y: 2, w: 4, h: 2 }, 30, -9)).toEqual({ x: 8, y: 0, w: 4, h: 2 });
    expect(moveLayout({ x: 2, y: 2, w: 4, h: 2 }, -9, 0)).toEqual({ x: 0, y: 2, w: 4, h: 2 });
  });
});

describe("resizeLayout", () => {
  it("grows and shrinks from the bottom-right, at least 1×1, inside the columns", () => {
    expect(resizeLayout({ x: 2, y: 2, w: 4, h: 2 }, 2, 3)).toEqual({ x: 2, y: 2, w: 6, h: 5 });
    expect(resizeLayout({ x: 2, y: 2, w: 4, h: 2 }, -10, -10)).toEqual({ x: 2, y: 2, w: 1, h: 1 });
    expect(resizeLayout({ x: 9, y: 0, w: 2, h: 2 }, 5, 0)).toEqual({ x: 9, y: 0, w: 3, h: 2 });
    expect(resizeLayout({ x: 0, y: 0, w: 1, h: 199 }, 0, 5).h).toBe(200);
  });
});

describe("keyboardLayout", () => {
  const l = { x: 2, y: 2, w: 4, h: 2 };
  it("moves with arrows and resizes with Shift+arrows", () => {
    expect(keyboardLayout(l, "ArrowRight", false)).toEqual({ x: 3, y: 2, w: 4, h: 2 });
    expect(keyboardLayout(l, "ArrowUp", false)).toEqual({ x: 2, y: 1, w: 4, h: 2 });
    expect(keyboardLayout(l, "ArrowLeft", true)).toEqual({ x: 2, y: 2, w: 3, h: 2 });
    expect(keyboardLayout(l, "ArrowDown", true)).toEqual({ x: 2, y: 2, w: 4, h: 3 });
    expect(keyboardLayout(l, "Enter", false)).toBeNull();
  });
});

describe("css helpers", () => {
  it("places items and counts rows", () => {
    expect(gridArea({ x: 0, y: 3, w: 6, h: 2 })).toEqual({ gridColumn: "1 / span 6", gridRow: "4 / span 2" });
    expect(gridRows([{ x: 0, y: 3, w: 6, h: 2 }, { x: 0, y: 0, w: 1, h: 1 }], 4)).toBe(9);
    expect(gridRows([])).toBe(0);
    expect(sameLayout({ x: 1, y: 1, w: 1, h: 1 }, { x: 1, y: 1, w: 1, h: 1 })).toBe(true);
  });
});
