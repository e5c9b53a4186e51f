import { useRef, useSyncExternalStore } from "react";

/**
 * Reads a slice of an external store (the editor store, the page's app state); the component
 * re-renders when the store changes and the slice differs. The result is cached per (state,
 * selector), so a selector that builds a new object or array does not loop
 * useSyncExternalStore; prefer selecting values the store keeps identical until they change.
 */
export function useStoreSlice<S, T>(subscribe: (listener: () => void) => () => void, getState: () => S, selector: (state: S) => T): T {
  const cache = useRef<{ state: S; selector: (state: S) => T; value: T } | null>(null);
  const getSnapshot = (): T => {
    const state = getState();
    const hit = cache.current;
    if (hit && hit.state === state && hit.selector === selector) return hit.value;
    const value = selector(state);
    cache.current = { state, selector, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
