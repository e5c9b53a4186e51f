import type { ValidateOptions } from "@/engine/graph";
import type { FunctionDefinition } from "@/engine/model";
import { applyEdit } from "./apply-edit";
import { deepEqual } from "./deep-equal";
import type { DispatchResult, EditAction, EditorAction } from "./editor-actions";
import { initialState, prunedSelection, withHistory, type EditorState } from "./editor-state";
import { push, redo, seal, undo } from "./history";

export type { EditorState } from "./editor-state";
export type { DispatchResult, EditAction, EditorAction } from "./editor-actions";

export interface EditorStoreOptions {
  definition: FunctionDefinition;
  savedVersion?: number | null;
  /** Other functions of the app, for the call-function checks of `validateDefinition`. */
  validate?: ValidateOptions;
  historyLimit?: number;
}

/** A framework-free store: React reads it through `useEditorStore` (useSyncExternalStore). */
export interface EditorStore {
  /** The same object until something changes. */
  getState(): EditorState;
  subscribe(listener: () => void): () => void;
  dispatch(action: EditorAction): DispatchResult;
}

const EMPTY: DispatchResult = { ok: true, ids: [] };

function coalesceKeyOf(action: EditAction): string | undefined {
  return "coalesceKey" in action ? action.coalesceKey : undefined;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export function createEditorStore(opts: EditorStoreOptions): EditorStore {
  const validate = opts.validate ?? {};
  let state = initialState(opts.definition, opts.savedVersion ?? null, validate, opts.historyLimit);
  const listeners = new Set<() => void>();

  function set(next: EditorState): void {
    if (next === state) return;
    state = next;
    for (const l of [...listeners]) l();
  }

  function edit(action: EditAction): DispatchResult {
    const out = applyEdit(state.draft, action, state.selection);
    if (!out.ok) return out;
    // An edit that changed nothing (same text typed again) is no undo step.
    if (out.def !== state.draft && deepEqual(out.def, state.draft)) {
      if (out.select) set({ ...state, selection: out.select });
      return { ok: true, ids: out.ids };
    }
    const history = push(state.history, out.def, { coalesceKey: coalesceKeyOf(action) });
    set(withHistory(state, history, validate, out.select ?? state.selection));
    return { ok: true, ids: out.ids };
  }

  function dispatch(action: EditorAction): DispatchResult {
    switch (action.type) {
      case "select":
        if (!sameIds(action.ids, state.selection)) set({ ...state, selection: [...action.ids] });
        return EMPTY;
      case "undo":
        set(withHistory(state, undo(state.history), validate));
        return EMPTY;
      case "redo":
        set(withHistory(state, redo(state.history), validate));
        return EMPTY;
      case "seal":
        set(withHistory(state, seal(state.history), validate));
        return EMPTY;
      case "markSaved":
        set({ ...state, saved: action.definition, savedVersion: action.version, dirty: !deepEqual(state.draft, action.definition) });
        return EMPTY;
      case "replace":
        set({ ...initialState(action.definition, action.version, validate, state.history.limit), selection: prunedSelection(action.definition, state.selection) });
        return EMPTY;
      default:
        return edit(action);
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch,
  };
}
