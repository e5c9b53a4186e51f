import type { AppState } from "./app-state";

/** The names expressions read: everything in the state, flattened. */
export type Scope = Readonly<Record<string, unknown>>;

const cache = new WeakMap<AppState, Scope>();

/**
 * The state as expressions see it: components, then functions, then the built-ins by name
 * (a later one wins on a clash; the editor keeps names unique). Cached per state object,
 * which the store replaces on every change. The values are the state's own frozen values.
 */
export function scopeOf(state: AppState): Scope {
  const hit = cache.get(state);
  if (hit) return hit;
  const scope: Scope = Object.freeze({
    ...state.components,
    ...state.functions,
    page: state.page,
    url: state.url,
    currentUser: state.currentUser,
  });
  cache.set(state, scope);
  return scope;
}
