"use client";

import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from "react";
import type { Layout, PageComponent } from "@/engine/pages";
import { cellFromPoint, gridArea, keyboardLayout, moveLayout, resizeLayout, sameLayout, type Cell } from "./grid-geometry";
import { CONTAINER_TYPES } from "./registry";

/** What the page editor passes to make a grid editable. */
export interface GridEditing {
  selectedId: string | null;
  /** null: the builder clicked the page's empty space, or pressed Escape. */
  onSelect: (id: string | null) => void;
  onMove: (id: string, layout: Layout) => void;
  onResize: (id: string, layout: Layout) => void;
}

interface Session {
  mode: "move" | "resize";
  pointerId: number;
  startCell: Cell;
  start: Layout;
  current: Layout;
}

/**
 * One item on the grid. When editable: pointerdown selects it and starts a move (on the item)
 * or a resize (on the corner handle); pointer moves snap to grid cells and show a preview
 * through `onPreview`; pointerup reports onMove/onResize once, only if the layout changed.
 * Leaf widgets are inert while editing; containers stay live so their children can be picked.
 */
export function GridItem({
  component,
  layout,
  gridRef,
  editable,
  onPreview,
  children,
}: {
  component: PageComponent;
  /** The layout to draw: the component's, or the preview while it is dragged. */
  layout: Layout;
  gridRef: RefObject<HTMLDivElement | null>;
  editable?: GridEditing;
  onPreview: (id: string, layout: Layout | null) => void;
  children: ReactNode;
}) {
  const session = useRef<Session | null>(null);
  const selected = editable?.selectedId === component.id;
  const isContainer = CONTAINER_TYPES.has(component.type);

  const pointerCell = (e: PointerEvent<HTMLElement>): Cell | null => {
    const grid = gridRef.current;
    return grid ? cellFromPoint({ x: e.clientX, y: e.clientY }, grid.getBoundingClientRect()) : null;
  };

  const begin = (e: PointerEvent<HTMLElement>, mode: Session["mode"]) => {
    if (!editable || e.button !== 0) return;
    e.stopPropagation(); // The innermost item wins, not the container around it.
    e.preventDefault();
    editable.onSelect(component.id);
    const cell = pointerCell(e);
    if (!cell) return;
    session.current = { mode, pointerId: e.pointerId, startCell: cell, start: component.layout, current: component.layout };
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.closest<HTMLElement>("[data-grid-item]")?.focus({ preventScroll: true });
  };

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const s = session.current;
    if (!s || s.pointerId !== e.pointerId) return;
    const cell = pointerCell(e);
    if (!cell) return;
    const dx = cell.col - s.startCell.col;
    const dy = cell.row - s.startCell.row;
    const next = s.mode === "move" ? moveLayout(s.start, dx, dy) : resizeLayout(s.start, dx, dy);
    if (sameLayout(next, s.current)) return;
    s.current = next;
    onPreview(component.id, next);
  };

  const end = (e: PointerEvent<HTMLDivElement>, commit: boolean) => {
    const s = session.current;
    if (!s || s.pointerId !== e.pointerId) return;
    session.current = null;
    onPreview(component.id, null);
    if (!commit || !editable || sameLayout(s.current, s.start)) return;
    if (s.mode === "move") editable.onMove(component.id, s.current);
    else editable.onResize(component.id, s.current);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!editable || e.target !== e.currentTarget) return;
    if (e.key === "Escape") {
      editable.onSelect(null);
      return;
    }
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      editable.onSelect(component.id);
      return;
    }
    const next = keyboardLayout(component.layout, e.key, e.shiftKey);
    if (!next) return;
    e.preventDefault();
    if (!selected || sameLayout(next, component.layout)) return;
    if (e.shiftKey) editable.onResize(component.id, next);
    else editable.onMove(component.id, next);
  };

  const ring = selected ? "ring-2 ring-indigo-500 z-10" : editable ? "hover:ring-1 hover:ring-indigo-300" : "";
  return (
    <div
      data-grid-item={component.name}
      data-selected={selected ? "true" : undefined}
      style={gridArea(layout)}
      className={`relative min-h-0 min-w-0 overflow-hidden rounded-md p-1 ${ring} ${editable ? "cursor-move touch-none select-none focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400" : ""}`}
      tabIndex={editable ? 0 : undefined}
      aria-label={editable ? `${component.name} (${component.type})` : undefined}
      onPointerDown={editable ? (e) => begin(e, "move") : undefined}
      onPointerMove={editable ? onPointerMove : undefined}
      onPointerUp={editable ? (e) => end(e, true) : undefined}
      onPointerCancel={editable ? (e) => end(e, false) : undefined}
      onKeyDown={editable ? onKeyDown : undefined}
      onFocus={
        // Tabbing to an item selects it (not when focus lands inside a nested item).
        editable
          ? (e) => {
              if (e.target === e.currentTarget && !selected && !session.current) editable.onSelect(component.id);
            }
          : undefined
      }
    >
      {editable && !isContainer ? (
        <div inert className="pointer-events-none h-full w-full">
          {children}
        </div>
      ) : (
        children
      )}
      {selected ? (
        <>
          <span className="pointer-events-none absolute left-1 top-1 z-20 rounded bg-indigo-600 px-1 font-mono text-[10px] leading-4 text-white">{component.name}</span>
          <span
            aria-hidden
            data-resize-handle
            onPointerDown={(e) => begin(e, "resize")}
            className="absolute bottom-0 right-0 z-20 h-3 w-3 cursor-se-resize rounded-tl-sm bg-indigo-500"
          />
        </>
      ) : null}
    </div>
  );
}
