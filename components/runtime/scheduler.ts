import { callFunction } from "@/engine/contract/client";
import type { AppStateStore } from "./app-state";
import { boundParams } from "./bound-params";
import { loadPlan, watchedNames, type Bindings, type LoadPlan } from "./dependencies";
import {
  createFunctionRunner,
  type CallFunction,
  type RunEvents,
  type RunOptions,
  type RunOutcome,
  type RuntimeFunction,
} from "./function-runner";
import { scopeOf } from "./state-scope";

export interface SchedulerOptions {
  state: AppStateStore;
  /** Function name → what the runtime knows of it. */
  functions: Readonly<Record<string, RuntimeFunction>>;
  bindings: Bindings;
  /** Defaults to the `POST /api/fn` client. */
  call?: CallFunction;
  debounceMs?: number;
  onEvents: RunEvents;
}

export interface RunScheduler {
  readonly plan: LoadPlan;
  /** Runs the load plan and starts watching the inputs of automatic functions. */
  start(): Promise<void>;
  /** Stops watching, drops pending re-runs and aborts runs in flight. Final. */
  stop(): void;
  runFunction(name: string, params: Record<string, unknown>, options: RunOptions): Promise<RunOutcome>;
}

const defaultCall: CallFunction = (fnId, params, signal, trigger) => callFunction(fnId, params, { signal, origin: { trigger } });

/** What a run the page starts by itself is recorded as triggered by. */
const PAGE_TRIGGER = { load: "page.load", automatic: "page.automatic" } as const;

/**
 * Runs a page's functions by themselves: the load plan when the page opens (independent
 * functions together, each dependent after what it waits for), and an automatic function
 * again, debounced, when the parameters its bindings evaluate to change.
 */
export function createRunScheduler(options: SchedulerOptions): RunScheduler {
  const { state: store, functions, bindings } = options;
  const debounceMs = options.debounceMs ?? 300;
  const runner = createFunctionRunner({ store, functions, call: options.call ?? defaultCall, onEvents: options.onEvents });
  const summaries = Object.entries(functions).map(([name, f]) => ({ name, ...f }));
  const plan = loadPlan(summaries, bindings);

  /** JSON of the parameters of the last run the page started by itself, per function. */
  const lastKey = new Map<string, string>();
  /** On-load functions whose load run has not started yet: nothing re-runs them early. */
  const awaitingLoad = new Set(plan.order);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let unsubscribe: (() => void) | null = null;
  let stopped = false;

  const runBound = async (name: string, source: "load" | "automatic"): Promise<void> => {
    const fn = functions[name];
    const bound = boundParams(name, fn, bindings, store.get());
    lastKey.set(name, bound.key);
    if (!bound.ok) {
      store.setFunction(name, { error: { message: bound.error, status: 0, code: "INVALID_BINDING" }, isFetching: false });
      return;
    }
    await runner.run(name, bound.params, { source, trigger: PAGE_TRIGGER[source] });
  };

  const watchers = createWatchers({ plan, functions, bindings, store, debounceMs, timers, lastKey, awaitingLoad, runBound });

  return {
    plan,
    async start() {
      if (stopped || unsubscribe) return;
      unsubscribe = store.subscribe(watchers.onChange);
      const started = new Map<string, Promise<void>>();
      for (const name of plan.order) {
        const waits = plan.waits[name].map((d) => started.get(d));
        started.set(
          name,
          Promise.all(waits).then(() => {
            awaitingLoad.delete(name);
            return stopped ? undefined : runBound(name, "load");
          }),
        );
      }
      await Promise.all(started.values());
    },
    stop() {
      stopped = true;
      unsubscribe?.();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      runner.stop();
    },
    runFunction: (name, params, runOptions) => runner.run(name, params, runOptions),
  };
}

/**
 * On every state change, for each automatic function whose watched values changed (by
 * identity: the store replaces what changes; a name with no state yet reads undefined, so a
 * component added later is watched too), evaluates its parameters; when their JSON
 * differs from the last run's, (re)starts its debounce timer, else cancels it. When the
 * timer fires the parameters are evaluated once more and the function re-runs.
 */
function createWatchers(deps: {
  plan: LoadPlan;
  functions: Readonly<Record<string, RuntimeFunction>>;
  bindings: Bindings;
  store: AppStateStore;
  debounceMs: number;
  timers: Map<string, ReturnType<typeof setTimeout>>;
  lastKey: Map<string, string>;
  awaitingLoad: ReadonlySet<string>;
  runBound: (name: string, source: "automatic") => Promise<void>;
}) {
  const { store, timers, lastKey } = deps;
  const automatic = deps.plan.order
    .filter((name) => deps.functions[name].runBehavior === "automatic")
    .map((name) => ({ name, watched: watchedNames({ name, params: deps.functions[name].params }, deps.bindings) }))
    .filter((w) => w.watched.length > 0);
  const seen = new Map<string, readonly unknown[]>();

  const fire = (name: string) => {
    timers.delete(name);
    const fn = deps.functions[name];
    if (boundParams(name, fn, deps.bindings, store.get()).key !== lastKey.get(name)) void deps.runBound(name, "automatic");
  };

  const onChange = () => {
    const scope = scopeOf(store.get());
    for (const { name, watched } of automatic) {
      if (deps.awaitingLoad.has(name)) continue;
      const values = watched.map((n) => scope[n]);
      const before = seen.get(name);
      if (before && values.every((v, i) => Object.is(v, before[i]))) continue;
      seen.set(name, values);
      clearTimeout(timers.get(name));
      timers.delete(name);
      const key = boundParams(name, deps.functions[name], deps.bindings, store.get()).key;
      if (key !== lastKey.get(name)) timers.set(name, setTimeout(() => fire(name), deps.debounceMs));
    }
  };
  return { onChange };
}
