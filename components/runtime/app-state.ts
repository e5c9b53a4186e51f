import type { FrozenCurrentUser } from "@/engine/contract/current-user";
import { freezeValue } from "./freeze-value";

/** A failed run as pages read it (`getCustomers.error.message`): plain data, never an Error. */
export interface FunctionError {
  message: string;
  /** HTTP status of the call; 0 when the call never reached the server. */
  status: number;
  code: string;
  data?: unknown;
}

/** What pages read of a function: `getCustomers.data`, `.error`, `.isFetching`, `.lastRunAt`. */
export interface FunctionState {
  data: unknown;
  error: FunctionError | null;
  isFetching: boolean;
  /** ISO time the last applied run finished; null before any. */
  lastRunAt: string | null;
}

/** A component's state: `textInput1.value`, `table1.selectedRow`, `form1.data`… */
export type ComponentState = Readonly<Record<string, unknown>>;

/**
 * The app's state: one immutable, deep-frozen object. Expressions see it flattened (see
 * `scopeOf`): functions and components by name, and `page`, `url`, `currentUser`.
 */
export interface AppState {
  readonly functions: Readonly<Record<string, FunctionState>>;
  readonly components: Readonly<Record<string, ComponentState>>;
  readonly page: { readonly name: string };
  readonly url: { readonly query: Readonly<Record<string, string>> };
  /** Who is looking: the signed-in person, or null; `{ name: "You" }` when the runtime was not told (see `initialAppState`). */
  readonly currentUser: FrozenCurrentUser | { readonly name: string } | null;
}

export interface AppStateStore {
  get(): AppState;
  /** Called after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  setFunction(name: string, patch: Partial<FunctionState>): void;
  setComponent(name: string, patch: Record<string, unknown>): void;
}

export function emptyFunctionState(): FunctionState {
  return { data: null, error: null, isFetching: false, lastRunAt: null };
}

function frozen<T>(value: T): T {
  return freezeValue(value) as T; // freezeValue keeps the shape of plain data; T is plain data here
}

/** True when every key of `patch` already holds the identical value in `current`. */
function unchanged(current: Readonly<Record<string, unknown>> | undefined, patch: Readonly<Record<string, unknown>>): boolean {
  if (!current) return false;
  return Object.keys(patch).every((k) => Object.is(current[k], patch[k]));
}

/**
 * A framework-free store of the app state. Every value written is a deep-frozen plain copy
 * (no functions), so whatever reads the state, expressions included, cannot change it in
 * place. A write that changes nothing notifies nobody.
 */
export function createAppState(initial: AppState): AppStateStore {
  let state: AppState = frozen(initial);
  const listeners = new Set<() => void>();

  const commit = (next: AppState) => {
    state = Object.freeze(next);
    for (const l of [...listeners]) l();
  };

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setFunction(name, patch) {
      const values = frozen(patch);
      const current = state.functions[name];
      if (unchanged(current ? { ...current } : undefined, values)) return;
      const fn: FunctionState = Object.freeze({ ...(current ?? emptyFunctionState()), ...values });
      commit({ ...state, functions: Object.freeze({ ...state.functions, [name]: fn }) });
    },
    setComponent(name, patch) {
      const values = frozen(patch);
      const current = state.components[name];
      if (unchanged(current, values)) return;
      const component: ComponentState = Object.freeze({ ...current, ...values });
      commit({ ...state, components: Object.freeze({ ...state.components, [name]: component }) });
    },
  };
}
