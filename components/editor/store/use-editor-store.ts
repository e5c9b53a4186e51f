import { useRef, useSyncExternalStore } from "react";
import type { EditorState, EditorStore } from "./editor-store";

/**
 * Reads a slice of the editor store; the component re-renders when the slice changes. The
 * result is cached per (state, selector), so a selector that builds a new object or array
 * does not loop useSyncExternalStore; it still re-renders on every store change, so prefer
 * selecting existing values (`s => s.draft`, `s => s.problems`).
 */
export function useEditorStore<T>(store: EditorStore, selector: (state: EditorState) => T): T {
  const cache = useRef<{ state: EditorState; selector: (state: EditorState) => T; value: T } | null>(null);
  const getSnapshot = (): T => {
    const state = store.getState();
    const hit = cache.current;
    if (hit && hit.state === state && hit.selector === selector) return hit.value;
    const value = selector(state);
    cache.current = { state, selector, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
