"use client";

import type { PageTree, RuntimeFunction } from "@/engine/pages";
import type { AppState } from "../runtime/app-state";
import { loadPlan, runsOnLoad } from "../runtime/dependencies";
import { Field } from "../editor/inspector/inputs";
import { ValuePreview } from "./prop-field";
import { setBinding } from "./tree-ops";

/** With nothing selected: how this page feeds the functions it runs by itself, and in what order. */
export function PageSettings({ tree, functions, onTree, state }: {
  tree: PageTree;
  functions: RuntimeFunction[];
  onTree: (t: PageTree) => void;
  state: AppState | null;
}) {
  const summaries = functions.map((f) => ({ name: f.name, ...f.definition }));
  const plan = loadPlan(summaries, tree.bindings);
  const selfRunning = summaries.filter(runsOnLoad);
  return (
    <div className="flex flex-col gap-3" data-testid="page-settings">
      <h3 className="text-sm font-semibold">Functions this page runs by itself</h3>
      {selfRunning.length === 0 ? (
        <p className="text-xs text-slate-500">None. Mark a function Automatic, or Manual with “run on page load”, in its Settings tab.</p>
      ) : (
        <p className="text-xs text-slate-500" data-testid="load-order">On load, in order: {plan.order.join(" → ") || "—"}</p>
      )}
      {plan.cycles.length ? (
        <p role="alert" className="rounded bg-red-50 px-2 py-1 text-xs text-red-800" data-testid="load-cycle">
          These functions read each other&apos;s data in a circle and do not run by themselves: {plan.cycles.map((c) => c.join(" → ")).join("; ")}
        </p>
      ) : null}
      {selfRunning.map((f) => (
        <fieldset key={f.name} className="flex flex-col gap-2 rounded-md border border-slate-200 p-2" data-binding-function={f.name}>
          <legend className="px-1 font-mono text-xs">{f.name} <span className="text-slate-500">({f.runBehavior === "automatic" ? "automatic" : "on page load"})</span></legend>
          {f.params.length === 0 ? <p className="text-xs text-slate-500">No parameters.</p> : null}
          {f.params.map((p) => {
            const template = tree.bindings[f.name]?.params[p.name] ?? "";
            return (
              <div key={p.name}>
                <Field label={`${f.name}.${p.name}`} mono value={template} placeholder={p.default === undefined ? "no default" : `default: ${JSON.stringify(p.default)}`}
                  onChange={(v) => onTree(setBinding(tree, f.name, p.name, v))} />
                <ValuePreview template={template} state={state} />
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
