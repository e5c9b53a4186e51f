import { useStoreSlice } from "../ui/use-store-slice";
import type { AppState, AppStateStore } from "./app-state";

/** Reads a slice of the app state (see useStoreSlice: prefer `s => s.functions.getCustomers`). */
export function useAppState<T>(store: AppStateStore, selector: (state: AppState) => T): T {
  return useStoreSlice(store.subscribe, store.get, selector);
}
