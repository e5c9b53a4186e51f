import { useStoreSlice } from "../../ui/use-store-slice";
import type { EditorState, EditorStore } from "./editor-store";

/** Reads a slice of the editor store (see useStoreSlice: prefer `s => s.draft`, `s => s.problems`). */
export function useEditorStore<T>(store: EditorStore, selector: (state: EditorState) => T): T {
  return useStoreSlice(store.subscribe, store.getState, selector);
}
