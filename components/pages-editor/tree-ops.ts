import type { Action } from "@/engine/model";
import { Identifier } from "@/engine/model";
import { GRID_COLUMNS, type ComponentType, type Layout, type PageComponent, type PageTree } from "@/engine/pages";
import { mapStrings } from "../editor/store/rename-references";
import { renameInTemplate } from "../editor/store/rename-identifiers";
import { CONTAINER_TYPES, DEFAULT_PROPS, DEFAULT_SIZE } from "../runtime/widgets/registry";

/** Pure edits of a page tree; each returns a new tree and never mutates its input. */

export type TreeEdit = { ok: true; tree: PageTree; id?: string } | { ok: false; reason: string };

function freeName(tree: PageTree, type: ComponentType, taken: ReadonlySet<string>): string {
  const names = new Set([...taken, ...tree.components.map((c) => c.name)]);
  for (let i = 1; ; i++) if (!names.has(`${type}${i}`)) return `${type}${i}`;
}

/** Adds a component of `type` below everything else in its grid (the page, or a container). */
export function addComponent(tree: PageTree, type: ComponentType, opts: { parentId?: string; taken?: ReadonlySet<string> } = {}): TreeEdit {
  const parent = opts.parentId ? tree.components.find((c) => c.id === opts.parentId) : undefined;
  if (opts.parentId && (!parent || !CONTAINER_TYPES.has(parent.type))) return { ok: false, reason: "Only containers and forms hold components" };
  const siblings = tree.components.filter((c) => c.parentId === opts.parentId);
  const y = siblings.reduce((max, c) => Math.max(max, c.layout.y + c.layout.h), 0);
  const size = DEFAULT_SIZE[type];
  const id = `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const component: PageComponent = {
    id,
    name: freeName(tree, type, opts.taken ?? new Set()),
    type,
    layout: { x: 0, y, w: Math.min(size.w, GRID_COLUMNS), h: size.h },
    props: structuredClone(DEFAULT_PROPS[type]) as PageComponent["props"], // JSON defaults from the registry
    events: {},
    ...(opts.parentId ? { parentId: opts.parentId } : {}),
  };
  return { ok: true, tree: { ...tree, components: [...tree.components, component] }, id };
}

/** Removes components and, for containers and forms, everything inside them. */
export function removeComponent(tree: PageTree, id: string): PageTree {
  const gone = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of tree.components) {
      if (c.parentId && gone.has(c.parentId) && !gone.has(c.id)) {
        gone.add(c.id);
        grew = true;
      }
    }
  }
  return { ...tree, components: tree.components.filter((c) => !gone.has(c.id)) };
}

function update(tree: PageTree, id: string, f: (c: PageComponent) => PageComponent): PageTree {
  return { ...tree, components: tree.components.map((c) => (c.id === id ? f(c) : c)) };
}

export function setLayout(tree: PageTree, id: string, layout: Layout): PageTree {
  return update(tree, id, (c) => ({ ...c, layout }));
}

export function setProp(tree: PageTree, id: string, name: string, value: PageComponent["props"][string] | undefined): PageTree {
  return update(tree, id, (c) => {
    const props = { ...c.props };
    if (value === undefined) delete props[name];
    else props[name] = value;
    return { ...c, props };
  });
}

export function setEvent(tree: PageTree, id: string, event: string, actions: Action[]): PageTree {
  return update(tree, id, (c) => ({ ...c, events: { ...c.events, [event]: actions } }));
}

export function setBinding(tree: PageTree, fn: string, param: string, template: string): PageTree {
  const params = { ...(tree.bindings[fn]?.params ?? {}) };
  if (template.trim() === "") delete params[param];
  else params[param] = template;
  return { ...tree, bindings: { ...tree.bindings, [fn]: { params } } };
}

function renameInActions(actions: Action[], from: string, to: string): Action[] {
  return actions.map((a) => {
    if (a.type === "setValue" && a.component === from) return { ...a, component: to };
    if (a.type === "runFunction") return { ...a, onSuccess: renameInActions(a.onSuccess, from, to), onFailure: renameInActions(a.onFailure, from, to) };
    return a;
  });
}

/**
 * Renames a component and every reference to it on the page: `{{ }}` templates in props,
 * handlers and bindings, and set-value actions.
 */
export function renameComponent(tree: PageTree, id: string, name: string, taken: ReadonlySet<string> = new Set()): TreeEdit {
  const target = tree.components.find((c) => c.id === id);
  if (!target) return { ok: false, reason: "No such component" };
  if (name === target.name) return { ok: true, tree };
  const valid = Identifier.safeParse(name);
  if (!valid.success) return { ok: false, reason: valid.error.issues[0]?.message ?? "Not a valid name" };
  if (taken.has(name) || tree.components.some((c) => c.name === name)) return { ok: false, reason: `"${name}" is already taken` };
  const renames = new Map([[target.name, name]]);
  const rewrite = (s: string) => renameInTemplate(s, renames);
  const components = tree.components.map((c) => {
    const events = mapStrings(c.events, rewrite) as PageComponent["events"]; // same shape, strings rewritten
    return {
      ...c,
      name: c.id === id ? name : c.name,
      props: mapStrings(c.props, rewrite) as PageComponent["props"], // same shape, strings rewritten
      events: Object.fromEntries(Object.entries(events).map(([k, v]) => [k, renameInActions(v, target.name, name)])),
    };
  });
  const bindings = mapStrings(tree.bindings, rewrite) as PageTree["bindings"]; // same shape, strings rewritten
  return { ok: true, tree: { ...tree, components, bindings } };
}
