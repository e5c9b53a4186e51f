import { useRef, useSyncExternalStore } from "react";
import type { AppState, AppStateStore } from "./app-state";

/**
 * Reads a slice of the app state; the component re-renders when the store changes and the
 * slice differs. The result is cached per (state, selector), so a selector that builds a new
 * object does not loop useSyncExternalStore; prefer selecting existing values
 * (`s => s.functions.getCustomers`), which the store keeps identical until they change.
 */
export function useAppState<T>(store: AppStateStore, selector: (state: AppState) => T): T {
  const cache = useRef<{ state: AppState; selector: (state: AppState) => T; value: T } | null>(null);
  const getSnapshot = (): T => {
    const state = store.get();
    const hit = cache.current;
    if (hit && hit.state === state && hit.selector === selector) return hit.value;
    const value = selector(state);
    cache.current = { state, selector, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
