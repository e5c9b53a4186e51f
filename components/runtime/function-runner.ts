import type { Action, FunctionEvents } from "@/engine/model/action";
import type { RunBehavior } from "@/engine/model/function-definition";
import type { ParamDef } from "@/engine/model/param";
import type { AppStateStore, FunctionError } from "./app-state";
import type { ExtraScope } from "./expressions";
import { freezeValue } from "./freeze-value";
import { toFunctionError } from "./function-error";

/** What the page runtime knows of one function of the app. */
export interface RuntimeFunction {
  id: string;
  runBehavior: RunBehavior;
  runOnPageLoad: boolean;
  params: readonly ParamDef[];
  events: FunctionEvents;
}

/**
 * Calls the function on the server; rejects with a ServerFunctionError-shaped value. `trigger`
 * says what started the call (`button1.click`, `page.load`), for the run's record.
 */
export type CallFunction = (fnId: string, params: Record<string, unknown>, signal: AbortSignal, trigger?: string) => Promise<unknown>;

/**
 * Runs a function's own success or failure handlers with `result` or `error` in scope; `trigger`
 * (`getOrders.onSuccess`) is what the calls they make are recorded as started by.
 */
export type RunEvents = (actions: readonly Action[], scope: ExtraScope, trigger: string) => Promise<void>;

/** Who started a run: the load plan, an automatic re-run, or an event handler. */
export type RunSource = "load" | "automatic" | "action";

export type RunOutcome =
  | { status: "success"; data: unknown }
  | { status: "failure"; error: FunctionError }
  /** Aborted by a newer run of the same function, or by the page closing: nothing happened. */
  | { status: "cancelled"; reason: "superseded" | "stopped" };

export interface RunOptions {
  source: RunSource;
  /** What started the run, sent with the call: a component event (`button1.click`), `page.load`, `page.automatic`. */
  trigger?: string;
}

export interface FunctionRunner {
  run(name: string, params: Record<string, unknown>, options: RunOptions): Promise<RunOutcome>;
  /** Aborts every run in flight and refuses new ones. */
  stop(): void;
}

interface InFlight {
  controller: AbortController;
  source: RunSource;
}

/** Settles with the call, or rejects as soon as `signal` aborts, whichever comes first. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Runs functions and writes their state. Of the runs of one function, only the latest
 * started writes `data`/`error`/`isFetching`, so an older answer arriving late never shows.
 * A newer run aborts older ones started by the page itself (load, automatic); a run an event
 * handler started is left to finish (aborting the request would not undo its effect on the
 * server) and still reports its outcome to that handler, without writing the state.
 */
export function createFunctionRunner(deps: {
  store: AppStateStore;
  functions: Readonly<Record<string, RuntimeFunction>>;
  call: CallFunction;
  onEvents: RunEvents;
}): FunctionRunner {
  const latest = new Map<string, number>();
  const inFlight = new Map<string, Set<InFlight>>();
  let counter = 0;
  let stopped = false;

  const supersede = (name: string) => {
    for (const run of inFlight.get(name) ?? []) if (run.source !== "action") run.controller.abort("superseded");
  };

  const runEvents = async (actions: readonly Action[], scope: ExtraScope, trigger: string) => {
    if (actions.length === 0 || stopped) return;
    try {
      await deps.onEvents(actions, scope, trigger);
    } catch {
      // Handler chains report their own failures; a broken one must not fail the run.
    }
  };

  const unknown = (name: string): RunOutcome => ({
    status: "failure",
    error: { message: `There is no function named "${name}"`, status: 0, code: "UNKNOWN_FUNCTION" },
  });

  /** Calls the function; the outcome is null when the run was aborted meanwhile. */
  const attempt = async (name: string, fn: RuntimeFunction, params: Record<string, unknown>, { source, trigger }: RunOptions) => {
    const flight: InFlight = { controller: new AbortController(), source };
    const runs = inFlight.get(name) ?? new Set<InFlight>();
    inFlight.set(name, runs.add(flight));
    let outcome: RunOutcome;
    try {
      const data = await abortable(deps.call(fn.id, params, flight.controller.signal, trigger), flight.controller.signal);
      outcome = { status: "success", data: freezeValue(data) };
    } catch (e) {
      outcome = { status: "failure", error: toFunctionError(e) };
    } finally {
      runs.delete(flight);
    }
    return flight.controller.signal.aborted ? null : outcome;
  };

  return {
    async run(name, params, options) {
      const fn = deps.functions[name];
      if (!fn) return unknown(name);
      if (stopped) return { status: "cancelled", reason: "stopped" };
      const seq = ++counter;
      latest.set(name, seq);
      supersede(name);
      deps.store.setFunction(name, { isFetching: true });

      const outcome = await attempt(name, fn, params, options);
      if (!outcome) return { status: "cancelled", reason: stopped ? "stopped" : "superseded" };
      if (latest.get(name) === seq) {
        const lastRunAt = new Date().toISOString();
        if (outcome.status === "success") deps.store.setFunction(name, { data: outcome.data, error: null, isFetching: false, lastRunAt });
        else if (outcome.status === "failure") deps.store.setFunction(name, { error: outcome.error, isFetching: false, lastRunAt });
      }
      if (outcome.status === "success") await runEvents(fn.events.onSuccess, { result: outcome.data }, `${name}.onSuccess`);
      else if (outcome.status === "failure") await runEvents(fn.events.onFailure, { error: outcome.error }, `${name}.onFailure`);
      return outcome;
    },
    stop() {
      stopped = true;
      for (const runs of inFlight.values()) for (const r of runs) r.controller.abort("stopped");
    },
  };
}
