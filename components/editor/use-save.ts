"use client";

import { useCallback, useState } from "react";
import { FunctionDetailResponse, FunctionResponse } from "@/engine/contract/functions";
import { ServerFunctionError, api, errorMessage } from "../ui/api";
import type { EditorStore } from "./store/editor-store";

export interface SaveState {
  saving: boolean;
  error: string | null;
  /** Someone saved a newer version elsewhere: offer to reload it. */
  conflict: boolean;
}

/** Save as a new version (refused when another tab saved first), and reload the latest. */
export function useSave(fnId: string, store: EditorStore, onSaved: (version: number) => void) {
  const [state, setState] = useState<SaveState>({ saving: false, error: null, conflict: false });

  const save = useCallback(async () => {
    const { draft, savedVersion } = store.getState();
    if (savedVersion === null) return;
    setState({ saving: true, error: null, conflict: false });
    try {
      const { function: fn } = await api(FunctionResponse, `/api/functions/${fnId}`, {
        method: "PUT",
        body: { definition: draft, baseVersion: savedVersion },
      });
      store.dispatch({ type: "markSaved", definition: draft, version: fn.currentVersion });
      setState({ saving: false, error: null, conflict: false });
      onSaved(fn.currentVersion);
    } catch (err) {
      const conflict = err instanceof ServerFunctionError && err.code === "STALE_VERSION";
      setState({ saving: false, error: errorMessage(err), conflict });
    }
  }, [fnId, store, onSaved]);

  const reload = useCallback(async () => {
    try {
      const { function: fn } = await api(FunctionDetailResponse, `/api/functions/${fnId}`);
      store.dispatch({ type: "replace", definition: fn.definition, version: fn.currentVersion });
      setState({ saving: false, error: null, conflict: false });
      onSaved(fn.currentVersion);
    } catch (err) {
      setState((s) => ({ ...s, error: errorMessage(err) }));
    }
  }, [fnId, store, onSaved]);

  return { ...state, save, reload };
}
