import type { Action } from "@/engine/model/action";
import { stringifyValue } from "@/engine/expressions/stringify-value";
import type { AppStateStore } from "./app-state";
import { evaluateTemplate, type ExtraScope } from "./expressions";
import type { RunOptions, RunOutcome } from "./function-runner";

export type NotifyLevel = "info" | "success" | "warning" | "error";

/** What a handler chain may do; the page supplies the browser parts. */
export interface ActionContext {
  state: AppStateStore;
  runFunction(name: string, params: Record<string, unknown>, options: RunOptions): Promise<RunOutcome>;
  /** Resolves true when the user confirms. */
  confirm(message: string): Promise<boolean>;
  notify(notification: { message: string; level: NotifyLevel }): void;
  openUrl(url: string, newTab: boolean): void;
  navigate(pageName: string, query: Record<string, string>): void;
  copy(text: string): Promise<void> | void;
}

/** How a chain ended: every action ran, or one stopped it (cancelled, failed template…). */
export type ChainResult = "completed" | "stopped";

/** A failed template stops the chain: the thrown message is what `runActions` notifies. */
function evaluate(template: string, ctx: ActionContext, extra: ExtraScope | undefined, label?: string): unknown {
  const r = evaluateTemplate(template, ctx.state.get(), extra);
  if (!r.ok) throw new Error(label === undefined ? r.error : `"${label}": ${r.error}`);
  return r.value;
}

const text = (template: string, ctx: ActionContext, extra: ExtraScope | undefined) => stringifyValue(evaluate(template, ctx, extra));

function evaluateRecord(templates: Readonly<Record<string, string>>, ctx: ActionContext, extra: ExtraScope | undefined) {
  const out: Record<string, unknown> = {};
  for (const [name, template] of Object.entries(templates)) {
    const value = evaluate(template, ctx, extra, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

type RunAction = Extract<Action, { type: "runFunction" }>;

/** Runs the function (after confirmation), then its follow-ups; false when the chain stops. */
async function runFunctionAction(action: RunAction, ctx: ActionContext, extra: ExtraScope | undefined): Promise<boolean> {
  const params = evaluateRecord(action.params, ctx, extra);
  if (action.confirm !== undefined && !(await ctx.confirm(text(action.confirm, ctx, extra)))) return false;
  const outcome = await ctx.runFunction(action.function, params, { source: "action" });
  if (outcome.status === "cancelled") return false;
  const scope = outcome.status === "success" ? { ...extra, result: outcome.data } : { ...extra, error: outcome.error };
  const next = outcome.status === "success" ? action.onSuccess : action.onFailure;
  return (await runActions(next, ctx, scope)) === "completed";
}

/** One action; false when the chain stops after it. */
async function runAction(action: Action, ctx: ActionContext, extra: ExtraScope | undefined): Promise<boolean> {
  switch (action.type) {
    case "runFunction":
      return runFunctionAction(action, ctx, extra);
    case "notify":
      ctx.notify({ message: text(action.message, ctx, extra), level: action.level });
      return true;
    case "setValue":
      ctx.state.setComponent(action.component, { value: evaluate(action.value, ctx, extra) });
      return true;
    case "openUrl":
      ctx.openUrl(text(action.url, ctx, extra), action.newTab);
      return true;
    case "openPage": {
      const query: Record<string, string> = {};
      for (const [k, v] of Object.entries(action.query)) query[k] = text(v, ctx, extra);
      ctx.navigate(action.page, query);
      return true;
    }
    case "copy":
      await ctx.copy(text(action.text, ctx, extra));
      return true;
  }
}

function report(ctx: ActionContext, message: string): void {
  try {
    ctx.notify({ message, level: "error" });
  } catch {
    // The chain never throws, even when showing its failure does.
  }
}

/**
 * Runs an event handler's actions in order, each awaited, against the state as it is when
 * that action runs (a `setValue` is seen by the next action). `extra` adds names to the scope
 * (`result` in success handlers, `error` in failure handlers). An action whose template fails,
 * or whose browser part throws, is notified as an error and stops the chain; a cancelled
 * confirmation stops it quietly. Never throws.
 */
export async function runActions(actions: readonly Action[], ctx: ActionContext, extra?: ExtraScope): Promise<ChainResult> {
  for (const action of actions) {
    try {
      if (!(await runAction(action, ctx, extra))) return "stopped";
    } catch (e) {
      report(ctx, e instanceof Error ? e.message : String(e));
      return "stopped";
    }
  }
  return "completed";
}
