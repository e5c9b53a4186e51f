import type { RunBehavior } from "@/engine/model/function-definition";
import type { ParamDef } from "@/engine/model/param";
import type { FunctionBinding } from "@/engine/pages/schema";
import { findCycles } from "./find-cycles";
import { readsOf } from "./reads-of";

/** What the load plan needs to know of a function. */
export interface FunctionSummary {
  name: string;
  runBehavior: RunBehavior;
  runOnPageLoad: boolean;
  params: readonly ParamDef[];
}

export type Bindings = Readonly<Record<string, FunctionBinding>>;

export interface LoadPlan {
  /** Functions to run when the page loads, each after every function it waits for. */
  order: string[];
  /** Function → the functions in `order` whose data its bindings read. */
  waits: Record<string, string[]>;
  /** Functions whose bindings read each other in a circle; none of them runs by itself. */
  cycles: string[][];
}

/**
 * The root names a function's page bindings read. Only bindings of parameters the function
 * declares count: a binding left behind by a removed parameter is not passed.
 */
export function bindingReads(fn: Pick<FunctionSummary, "name" | "params">, bindings: Bindings): string[] {
  const templates = bindings[fn.name]?.params ?? {};
  const out = new Set<string>();
  for (const p of fn.params) {
    const template = templates[p.name];
    if (template !== undefined) for (const name of readsOf(template)) out.add(name);
  }
  return [...out];
}

/** Functions that run by themselves when the page loads. */
export function runsOnLoad(fn: FunctionSummary): boolean {
  return fn.runBehavior === "automatic" || fn.runOnPageLoad;
}

/**
 * Which functions run on page load, in what order. A function whose binding reads another
 * on-load function (`{{ getCustomer.data.id }}`) waits for it; independent ones can run
 * together. Functions in a cycle are reported and left out; one that reads a function in a
 * cycle still runs, reading that function's empty state.
 *
 *   getUser ──▶ getOrders ──▶ getTotals      order: getUser, getOrders, getTotals, getTags
 *   getTags                                  waits: getOrders ← getUser, getTotals ← getOrders
 */
export function loadPlan(functions: readonly FunctionSummary[], bindings: Bindings): LoadPlan {
  const onLoad = functions.filter(runsOnLoad);
  const names = new Set(onLoad.map((f) => f.name));
  const deps = new Map(onLoad.map((f) => [f.name, bindingReads(f, bindings).filter((n) => names.has(n))]));
  const cycles = findCycles([...names], (n) => deps.get(n) ?? []);
  const inCycle = new Set(cycles.flat());

  const pending = onLoad.map((f) => f.name).filter((n) => !inCycle.has(n));
  const waits: Record<string, string[]> = {};
  for (const n of pending) waits[n] = (deps.get(n) ?? []).filter((d) => !inCycle.has(d));

  // Kahn's algorithm, taking the first ready function in page order each time, so that the
  // order is stable. Every remaining wait is acyclic, so each pass finds one.
  const order: string[] = [];
  const done = new Set<string>();
  while (pending.length > 0) {
    const i = pending.findIndex((n) => waits[n].every((d) => done.has(d)));
    const [next] = pending.splice(i === -1 ? 0 : i, 1);
    order.push(next);
    done.add(next);
  }
  return { order, waits, cycles };
}

/**
 * The state names an automatic function's bindings read (components, functions, `url`…):
 * when one of them changes, the function may need to run again. With `stateNames`, only
 * those names (the lexer also reports an arrow function's parameters); without, every root
 * name read. Its own name is left out: a function does not re-run because its own state
 * changed.
 */
export function watchedNames(fn: Pick<FunctionSummary, "name" | "params">, bindings: Bindings, stateNames?: ReadonlySet<string>): string[] {
  return bindingReads(fn, bindings).filter((n) => n !== fn.name && (stateNames?.has(n) ?? true));
}
