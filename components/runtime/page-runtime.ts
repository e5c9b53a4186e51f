import type { CurrentUser } from "@/engine/contract/current-user";
import { callFunction } from "@/engine/contract/client";
import type { Action } from "@/engine/model/action";
import type { FunctionDefinition } from "@/engine/model/function-definition";
import type { PageTree } from "@/engine/pages/schema";
import { runActions, type ActionContext, type ChainResult } from "./actions";
import { createAppState, type AppStateStore } from "./app-state";
import type { ExtraScope } from "./expressions";
import { keepFormData, syncFormData } from "./form-data";
import type { CallFunction, RunOptions, RunOutcome, RuntimeFunction } from "./function-runner";
import { initialAppState, initialComponentState } from "./initial-state";
import { createRunScheduler, type RunScheduler } from "./scheduler";

/** A function of the app, as the page receives it. */
export interface AppFunction {
  id: string;
  name: string;
  definition: Pick<FunctionDefinition, "runBehavior" | "runOnPageLoad" | "params" | "events">;
}

/** The browser parts of handler chains: dialogs, toasts, navigation, clipboard. */
export type PageContext = Omit<ActionContext, "state" | "runFunction">;

export interface PageRuntimeOptions {
  appFunctions: readonly AppFunction[];
  tree: PageTree;
  /** The page's id, sent with every call it makes (recorded on the run). */
  pageId?: string;
  pageName: string;
  urlQuery: Readonly<Record<string, string>>;
  /** Who is looking (the runtime payload's `currentUser`): `currentUser` in expressions. */
  currentUser?: CurrentUser | null;
  ctx: PageContext;
  call?: CallFunction;
  debounceMs?: number;
}

export interface PageRuntime {
  store: AppStateStore;
  /** Starts the scheduler (load plan, automatic re-runs); resolves when the load plan settled. */
  start(): Promise<void>;
  /** Stops the scheduler; `start` may be called again (React runs effects twice in development). */
  stop(): void;
  /**
   * New functions, tree or browser parts; components new to the tree get their initial state.
   * Functions and bindings take effect at the next `start`.
   */
  update(next: Partial<Pick<PageRuntimeOptions, "appFunctions" | "tree" | "ctx">>): void;
  runFunction(name: string, params: Record<string, unknown>, options: RunOptions): Promise<RunOutcome>;
  runActions(actions: readonly Action[], extra?: ExtraScope): Promise<ChainResult>;
  /** Runs a component's handlers for one of its events (`fire("button1", "click")`). */
  fire(componentName: string, eventName: string, extra?: ExtraScope): Promise<ChainResult>;
}

/** `POST /api/fn` for one page: each call says which page made it and what triggered it. */
export function pageCall(pageId: string | undefined): CallFunction {
  return (fnId, params, signal, trigger) => callFunction(fnId, params, { signal, origin: { pageId, trigger } });
}

function runtimeFunctions(appFunctions: readonly AppFunction[]): Record<string, RuntimeFunction> {
  const out: Record<string, RuntimeFunction> = {};
  for (const f of appFunctions) out[f.name] = { id: f.id, ...f.definition };
  return out;
}

/** The framework-free page runtime that `usePageRuntime` wraps. */
export function createPageRuntime(options: PageRuntimeOptions): PageRuntime {
  let { appFunctions, tree, ctx } = options;
  const store = createAppState(
    initialAppState({
      functionNames: appFunctions.map((f) => f.name),
      tree,
      pageName: options.pageName,
      urlQuery: options.urlQuery,
      currentUser: options.currentUser,
    }),
  );
  let scheduler: RunScheduler | null = null;
  // Lives as long as the store: forms' `data` follows their inputs whether or not it runs.
  keepFormData(store, () => tree);

  const runFunction = (name: string, params: Record<string, unknown>, runOptions: RunOptions): Promise<RunOutcome> =>
    scheduler
      ? scheduler.runFunction(name, params, runOptions)
      : Promise.resolve({ status: "cancelled", reason: "stopped" });

  /** Handlers' calls are recorded as started by the event that ran the chain (`button1.click`). */
  const actionContext = (trigger: string | undefined): ActionContext => ({
    state: store,
    runFunction: (name, params, runOptions) => runFunction(name, params, { ...runOptions, trigger: runOptions.trigger ?? trigger }),
    confirm: (m) => ctx.confirm(m),
    notify: (n) => ctx.notify(n),
    openUrl: (u, t) => ctx.openUrl(u, t),
    navigate: (p, q) => ctx.navigate(p, q),
    copy: (t) => ctx.copy(t),
  });
  const run = (actions: readonly Action[], extra?: ExtraScope, trigger?: string) => runActions(actions, actionContext(trigger), extra);
  const call = options.call ?? pageCall(options.pageId);

  return {
    store,
    start() {
      scheduler?.stop();
      const s = createRunScheduler({
        state: store,
        functions: runtimeFunctions(appFunctions),
        bindings: tree.bindings,
        call,
        debounceMs: options.debounceMs,
        onEvents: async (actions, scope, trigger) => void (await run(actions, scope, trigger)),
      });
      scheduler = s;
      return s.start();
    },
    stop() {
      scheduler?.stop();
      scheduler = null;
    },
    update(next) {
      appFunctions = next.appFunctions ?? appFunctions;
      ctx = next.ctx ?? ctx;
      if (!next.tree || next.tree === tree) return;
      tree = next.tree;
      for (const c of tree.components) {
        if (store.get().components[c.name]) continue;
        const initial = initialComponentState(c, store.get());
        if (initial) store.setComponent(c.name, initial);
      }
      syncFormData(store, tree);
    },
    runFunction,
    runActions: (actions, extra) => run(actions, extra),
    fire(componentName, eventName, extra) {
      const component = tree.components.find((c) => c.name === componentName);
      return run(component?.events[eventName] ?? [], extra, `${componentName}.${eventName}`);
    },
  };
}
