import type { PageComponent, PageTree } from "@/engine/pages/schema";
import type { AppState, AppStateStore } from "./app-state";

/**
 * The inputs a form holds: components inside it (directly or through containers, not through
 * a nested form) whose state has a `value`.
 */
function fieldsOf(form: PageComponent, tree: PageTree, state: AppState): PageComponent[] {
  const children = (id: string) => tree.components.filter((c) => c.parentId === id);
  const out: PageComponent[] = [];
  const queue = children(form.id);
  for (let c = queue.shift(); c; c = queue.shift()) {
    if (c.type === "form") continue;
    if (c.type === "container") queue.push(...children(c.id));
    else if (state.components[c.name] && "value" in state.components[c.name]) out.push(c);
  }
  return out;
}

/** A form's `data`: each input inside it, by name → its value (`form1.data.email`). */
export function formData(form: PageComponent, tree: PageTree, state: AppState): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const c of fieldsOf(form, tree, state)) data[c.name] = state.components[c.name].value;
  return data;
}

function sameEntries(a: Readonly<Record<string, unknown>>, b: unknown): boolean {
  if (typeof b !== "object" || b === null) return false;
  const bKeys = Object.keys(b);
  const bValues = new Map(Object.entries(b));
  return bKeys.length === Object.keys(a).length && Object.entries(a).every(([k, v]) => bValues.has(k) && Object.is(bValues.get(k), v));
}

/** Writes every form's `data` that differs from its inputs' values. */
export function syncFormData(store: AppStateStore, tree: PageTree): void {
  for (const form of tree.components) {
    if (form.type !== "form") continue;
    const state = store.get();
    const data = formData(form, tree, state);
    if (!sameEntries(data, state.components[form.name]?.data)) store.setComponent(form.name, { data });
  }
}

/**
 * Keeps forms' `data` in step with their inputs, synchronously: an input's `setState` is
 * visible in `form1.data` before the event it fires runs. Returns the unsubscribe function.
 */
export function keepFormData(store: AppStateStore, tree: () => PageTree): () => void {
  syncFormData(store, tree());
  return store.subscribe(() => syncFormData(store, tree()));
}
