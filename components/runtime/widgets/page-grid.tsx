"use client";

import { useMemo, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { GRID_COLUMNS, ROW_HEIGHT, type Layout, type PageComponent } from "@/engine/pages";
import { gridRows } from "./grid-geometry";
import { GridItem, type GridEditing } from "./grid-item";

export type { GridEditing } from "./grid-item";

export interface PageGridProps {
  /** Every component of the page; only those whose parentId equals `parentId` are laid out here. */
  components: PageComponent[];
  /** A container or form's id for a nested grid; undefined for the page itself. */
  parentId?: string;
  /** Draws one component (the runtime: its widget, with a nested PageGrid as children for containers). */
  renderComponent: (component: PageComponent) => ReactNode;
  editable?: GridEditing;
}

/** Empty rows kept below the last item while editing, to drop things into. */
const EDIT_SPARE_ROWS = 4;

/**
 * A 12-column grid of ROW_HEIGHT-px rows; each item at `grid-column: x+1 / span w;
 * grid-row: y+1 / span h`. Editing (select, drag to move, corner to resize, arrows) lives in
 * grid-item.tsx; this keeps the drag preview so the item follows the pointer cell by cell.
 */
export function PageGrid({ components, parentId, renderComponent, editable }: PageGridProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<{ id: string; layout: Layout } | null>(null);
  const items = useMemo(
    () => components.filter((c) => c.parentId === parentId).sort((a, b) => a.layout.y - b.layout.y || a.layout.x - b.layout.x),
    [components, parentId],
  );
  const layoutOf = (c: PageComponent) => (preview?.id === c.id ? preview.layout : c.layout);
  const rows = gridRows(items.map(layoutOf), editable ? EDIT_SPARE_ROWS : 0);

  const style: CSSProperties = {
    display: "grid",
    gridTemplateColumns: `repeat(${GRID_COLUMNS}, 1fr)`,
    gridAutoRows: `${ROW_HEIGHT}px`,
    minHeight: rows * ROW_HEIGHT,
  };
  if (editable) {
    style.backgroundImage = "linear-gradient(to right, rgb(226 232 240) 1px, transparent 1px), linear-gradient(to bottom, rgb(226 232 240) 1px, transparent 1px)";
    style.backgroundSize = `calc(100% / ${GRID_COLUMNS}) ${ROW_HEIGHT}px`;
  }

  return (
    <div
      ref={gridRef}
      data-page-grid={parentId ?? "page"}
      style={style}
      className="relative w-full"
      onPointerDown={
        // Only the page's own empty space deselects; a container's bubbles up and selects the container.
        editable && parentId === undefined
          ? (e) => {
              if (e.target === e.currentTarget) editable.onSelect(null);
            }
          : undefined
      }
    >
      {items.map((c) => (
        <GridItem
          key={c.id}
          component={c}
          layout={layoutOf(c)}
          gridRef={gridRef}
          editable={editable}
          onPreview={(id, layout) => setPreview(layout ? { id, layout } : null)}
        >
          {renderComponent(c)}
        </GridItem>
      ))}
    </div>
  );
}
