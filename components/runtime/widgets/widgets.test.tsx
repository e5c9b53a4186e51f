import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { COMPONENT_EVENTS, ComponentType, type PageComponent } from "@/engine/pages";
import { DEFAULT_PROPS, DEFAULT_SIZE, PROP_FIELDS, WIDGETS } from "./registry";
import type { WidgetProps } from "./types";

// Server-rendered markup (node, no DOM) of each widget's first paint.

const noop = () => undefined;

function component(type: ComponentType, name = `${type}1`): PageComponent {
  return { id: `id-${name}`, name, type, layout: { x: 0, y: 0, w: 4, h: 2 }, props: {}, events: {} };
}

function render(type: ComponentType, over: Partial<Omit<WidgetProps, "component">> = {}): string {
  const Widget = WIDGETS[type];
  return renderToStaticMarkup(
    <Widget component={component(type)} props={{}} state={{}} setState={noop} fire={noop} loading={false} {...over} />,
  );
}

describe("registry", () => {
  it("covers every component type, with sizes that fit the grid", () => {
    for (const type of ComponentType.options) {
      expect(WIDGETS[type]).toBeTypeOf("function");
      expect(DEFAULT_PROPS[type]).toBeTypeOf("object");
      expect(PROP_FIELDS[type].length).toBeGreaterThan(0);
      const { w, h } = DEFAULT_SIZE[type];
      expect(w >= 1 && w <= 12 && h >= 1).toBe(true);
      expect(COMPONENT_EVENTS[type]).toBeDefined();
    }
    expect(DEFAULT_PROPS.table).toMatchObject({ data: "{{ [] }}", pageSize: 10, searchable: true });
  });

  it("every widget renders its default props and marks its root", () => {
    for (const type of ComponentType.options) {
      const html = render(type, { props: DEFAULT_PROPS[type] });
      expect(html).toContain(`data-component-name="${type}1"`);
      expect(html).toContain(`data-component-type="${type}"`);
    }
  });
});

describe("button", () => {
  it("shows its label, defaulting to Button, and the variant", () => {
    expect(render("button")).toContain(">Button</span>");
    expect(render("button", { props: { label: "Save", variant: "danger" } })).toMatch(/bg-red-600[^>]*>.*Save/);
  });
  it("is disabled with a spinner while loading or when disabled", () => {
    const html = render("button", { loading: true });
    expect(html).toContain("disabled");
    expect(html).toContain("animate-spin");
    expect(render("button", { props: { disabled: true } })).toContain('disabled=""');
  });
});

describe("text", () => {
  it("renders markdown safely and non-strings as JSON", () => {
    const html = render("text", { props: { value: "# Hi\n**b** [x](javascript:alert(1)) <script>alert(1)</script>" } });
    expect(html).toContain("<h1");
    expect(html).toContain("<strong");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("javascript:");
    expect(render("text", { props: { value: { a: 1 } } })).toContain("&quot;a&quot;: 1");
  });
});

describe("inputs", () => {
  it("ties labels to their controls and shows the state's value", () => {
    const html = render("textInput", { props: { label: "Search", placeholder: "name" }, state: { value: "ada" } });
    const id = /<label for="([^"]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`id="${id}"`);
    expect(html).toContain('value="ada"');
    expect(html).toContain('placeholder="name"');
  });
  it("falls back to the component name as aria-label without a label", () => {
    expect(render("textInput")).toContain('aria-label="textInput1"');
  });
  it("number input shows numbers and empties for null", () => {
    expect(render("numberInput", { state: { value: 4.5 }, props: { min: 0, max: 10 } })).toMatch(/value="4.5"[^>]*min="0"[^>]*max="10"|min="0"[^>]*max="10"[^>]*value="4.5"/);
    expect(render("numberInput", { state: { value: null } })).toContain('value=""');
  });
  it("select lists options, selects by value, and warns on bad options", () => {
    const html = render("select", { props: { options: [{ label: "One", value: 1 }, "two"] }, state: { value: 1 } });
    expect(html).toContain('<option value="0" selected="">One</option>');
    expect(html).toContain(">two</option>");
    expect(render("select", { props: { options: "a,b" } })).toContain("Options should be an array, got string");
  });
  it("checkbox and date picker reflect their values", () => {
    expect(render("checkbox", { state: { value: true }, props: { label: "Active" } })).toContain('checked=""');
    expect(render("datePicker", { state: { value: "2024-02-29" } })).toContain('value="2024-02-29"');
    expect(render("datePicker", { state: { value: "not a date" } })).toContain('value=""');
  });
});

describe("table", () => {
  const data = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `user ${i + 1}`, meta: { admin: i === 0 } }));
  it("renders a real table with headers, the first page and the range", () => {
    const html = render("table", { props: { data, title: "Users" } });
    expect(html).toContain("<table");
    expect(html).toContain('aria-sort="none"');
    expect(html.match(/data-row-index=/g)).toHaveLength(10);
    expect(html).toContain("1–10 of 12");
    expect(html).toContain("{&quot;admin&quot;:true}");
    expect(html).toContain('aria-label="Search Users"');
  });
  it("filters by state.searchText and highlights the selected row", () => {
    const html = render("table", { props: { data }, state: { searchText: "user 12", selectedIndex: 11 } });
    expect(html.match(/data-row-index=/g)).toHaveLength(1);
    expect(html).toMatch(/data-row-index="11" aria-selected="true"/);
  });
  it("shows No rows and what it got for a non-array", () => {
    const html = render("table", { props: { data: { rows: [] } } });
    expect(html).toContain("No rows");
    expect(html).toContain("got object");
    expect(render("table", { props: { data: [] } })).not.toContain("Expected");
  });
  it("marks loading and shows a skeleton", () => {
    const html = render("table", { props: { data: undefined }, loading: true });
    expect(html).toContain('data-loading="true"');
    expect(html).toContain("animate-pulse");
    expect(html).not.toContain("Expected");
  });
  it("hides the search box when not searchable and honours columns", () => {
    const html = render("table", { props: { data, searchable: false, columns: ["name"] } });
    expect(html).not.toContain('type="search"');
    expect(html).not.toContain(">id<");
  });
});

describe("json, container, form", () => {
  it("json uses the shared JsonTree", () => {
    expect(render("json", { props: { value: { a: 1 } } })).toContain('data-testid="json-tree"');
  });
  it("container and form render their children and titles", () => {
    const child = <p>child</p>;
    expect(render("container", { props: { title: "Box" }, children: child })).toMatch(/Box.*<p>child<\/p>/);
    const form = render("form", { props: { title: "New user" }, children: child });
    expect(form).toContain("<form");
    expect(form).toContain('type="submit"');
    expect(form).toContain(">Submit</button>");
  });
});
