import { useEffect, useMemo, useState } from "react";
import type { Action } from "@/engine/model/action";
import type { ChainResult } from "./actions";
import type { AppStateStore } from "./app-state";
import type { ExtraScope } from "./expressions";
import { createPageRuntime, type AppFunction, type PageRuntimeOptions } from "./page-runtime";

export interface PageRuntimeHandle {
  store: AppStateStore;
  runActions(actions: readonly Action[], extra?: ExtraScope): Promise<ChainResult>;
  fire(componentName: string, eventName: string, extra?: ExtraScope): Promise<ChainResult>;
}

/** What, when it changes, means the page's functions run differently: restart the scheduler. */
function schedulerKey(appFunctions: readonly AppFunction[], bindings: PageRuntimeOptions["tree"]["bindings"]): string {
  const fns = appFunctions.map((f) => [f.id, f.name, f.definition.runBehavior, f.definition.runOnPageLoad, f.definition.params, f.definition.events]);
  return JSON.stringify([fns, bindings]);
}

/**
 * The runtime of one page: its state store, created once; the scheduler, started on mount
 * (the load plan runs) and stopped on unmount, restarted when functions or bindings change.
 * A new page or URL query needs a new runtime: key the owning component by them.
 */
export function usePageRuntime(options: PageRuntimeOptions): PageRuntimeHandle {
  const [runtime] = useState(() => createPageRuntime(options));
  const { appFunctions, tree, ctx } = options;

  // Declared before the start effect, so a restart sees the new functions and bindings.
  useEffect(() => runtime.update({ appFunctions, tree, ctx }), [runtime, appFunctions, tree, ctx]);

  const key = schedulerKey(appFunctions, tree.bindings);
  useEffect(() => {
    void runtime.start();
    return () => runtime.stop();
  }, [runtime, key]);

  return useMemo(() => ({ store: runtime.store, runActions: runtime.runActions, fire: runtime.fire }), [runtime]);
}
