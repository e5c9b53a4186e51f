import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PageComponent } from "@/engine/pages";
import { PageGrid } from "./page-grid";

const c = (id: string, layout: PageComponent["layout"], parentId?: string): PageComponent => ({
  id,
  name: id,
  type: parentId === undefined && id === "box" ? "container" : "button",
  parentId,
  layout,
  props: {},
  events: {},
});

const components = [c("b", { x: 6, y: 2, w: 3, h: 1 }), c("box", { x: 0, y: 0, w: 6, h: 4 }), c("inner", { x: 1, y: 1, w: 2, h: 1 }, "box")];
const render = (parentId?: string, editable = false) =>
  renderToStaticMarkup(
    <PageGrid
      components={components}
      parentId={parentId}
      renderComponent={(comp) => <span>{comp.name}</span>}
      editable={editable ? { selectedId: "b", onSelect: () => undefined, onMove: () => undefined, onResize: () => undefined } : undefined}
    />,
  );

describe("PageGrid", () => {
  it("lays out the top-level components on 12 columns of 40px rows", () => {
    const html = render();
    expect(html).toContain("grid-template-columns:repeat(12, 1fr)");
    expect(html).toContain("grid-auto-rows:40px");
    expect(html).toContain('data-grid-item="b" style="grid-column:7 / span 3;grid-row:3 / span 1"');
    expect(html).toContain('data-grid-item="box"');
    expect(html).not.toContain('data-grid-item="inner"');
    expect(html).toContain("min-height:160px");
    // Sorted by row then column.
    expect(html.indexOf('data-grid-item="box"')).toBeLessThan(html.indexOf('data-grid-item="b"'));
  });

  it("lays out a container's children in its nested grid", () => {
    const html = render("box");
    expect(html).toContain('data-grid-item="inner" style="grid-column:2 / span 2;grid-row:2 / span 1"');
    expect(html).not.toContain('data-grid-item="b"');
  });

  it("when editable, rings the selected item, gives it a resize handle, and makes leaves inert", () => {
    const html = render(undefined, true);
    expect(html).toMatch(/data-grid-item="b" data-selected="true"[^>]*ring-2/);
    expect(html).toContain("data-resize-handle");
    expect(html).toContain('inert=""');
    expect(html).toContain('tabindex="0"');
    expect(html).toContain("min-height:320px"); // 4 rows + 4 spare
  });
});
