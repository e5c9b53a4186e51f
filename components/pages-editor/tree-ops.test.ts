import { describe, expect, it } from "vitest";
import { PageTree } from "@/engine/pages";
import { addComponent, removeComponent, renameComponent, setBinding, setLayout, setProp } from "./tree-ops";

const empty = (): PageTree => ({ version: 1, components: [], bindings: {} });

function added(tree: PageTree, ...args: Parameters<typeof addComponent> extends [PageTree, ...infer R] ? R : never) {
  const r = addComponent(tree, ...args);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe("page tree edits", () => {
  it("adds components below each other with free names and registry defaults", () => {
    const a = added(empty(), "table");
    const b = added(a.tree, "table");
    const c = added(b.tree, "button", { taken: new Set(["button1"]) });
    expect(c.tree.components.map((x) => x.name)).toEqual(["table1", "table2", "button2"]);
    expect(b.tree.components[1].layout.y).toBe(a.tree.components[0].layout.h);
    expect(a.tree.components[0].props).toMatchObject({ data: "{{ [] }}" });
    expect(PageTree.safeParse(c.tree).success).toBe(true);
  });

  it("nests only in containers and forms, and removes children with their parent", () => {
    const box = added(empty(), "container");
    const inner = added(box.tree, "textInput", { parentId: box.id });
    expect(inner.tree.components[1]).toMatchObject({ parentId: box.id, layout: { y: 0 } });
    expect(addComponent(inner.tree, "button", { parentId: inner.id }).ok).toBe(false);
    expect(removeComponent(inner.tree, box.id ?? "").components).toEqual([]);
  });

  it("renames a component and every reference to it on the page", () => {
    let t = added(empty(), "textInput").tree;
    const input = t.components[0];
    t = added(t, "text").tree;
    const text = t.components[1];
    t = setProp(t, text.id, "value", "You typed {{ textInput1.value }}; not textInput10");
    t = { ...t, components: t.components.map((c) => (c.id === text.id ? { ...c, events: {} } : c)) };
    t = { ...t, components: t.components.map((c) => (c.id === input.id ? { ...c, events: { change: [{ type: "setValue", component: "textInput1", value: "{{ textInput1.value.trim() }}" }] } } : c)) };
    t = setBinding(t, "search", "q", "{{ textInput1.value }}");
    const r = renameComponent(t, input.id, "query");
    if (!r.ok) throw new Error(r.reason);
    expect(r.tree.components[0].name).toBe("query");
    expect(r.tree.components[1].props.value).toBe("You typed {{ query.value }}; not textInput10");
    expect(r.tree.components[0].events.change[0]).toEqual({ type: "setValue", component: "query", value: "{{ query.value.trim() }}" });
    expect(r.tree.bindings.search.params.q).toBe("{{ query.value }}");
    expect(renameComponent(r.tree, input.id, "text1").ok).toBe(false);
    expect(renameComponent(r.tree, input.id, "getCustomers", new Set(["getCustomers"])).ok).toBe(false);
    expect(renameComponent(r.tree, input.id, "1bad").ok).toBe(false);
  });

  it("sets layouts, clears props and empty bindings", () => {
    const a = added(empty(), "button");
    const id = a.id ?? "";
    expect(setLayout(a.tree, id, { x: 3, y: 2, w: 4, h: 1 }).components[0].layout).toEqual({ x: 3, y: 2, w: 4, h: 1 });
    expect(setProp(a.tree, id, "label", undefined).components[0].props).not.toHaveProperty("label");
    expect(setBinding(setBinding(empty(), "f", "p", "{{ 1 }}"), "f", "p", " ").bindings.f.params).toEqual({});
  });
});
