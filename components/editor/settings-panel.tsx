"use client";

import type { FunctionDefinition } from "@/engine/model";

type Settings = Pick<FunctionDefinition, "runBehavior" | "runOnPageLoad" | "timeoutMs">;

/** How pages run the function, and its time limit. */
export function SettingsPanel({ value, onChange }: { value: Settings; onChange: (patch: Partial<Settings>) => void }) {
  return (
    <div className="flex max-w-lg flex-col gap-3 p-3" data-testid="settings-panel">
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-semibold">Run behaviour</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="runBehavior" checked={value.runBehavior === "manual"} onChange={() => onChange({ runBehavior: "manual" })} />
          Manual: runs when an event handler runs it
        </label>
        <label className="ml-6 flex items-center gap-2 text-sm">
          <input type="checkbox" disabled={value.runBehavior !== "manual"} checked={value.runOnPageLoad} onChange={(e) => onChange({ runOnPageLoad: e.target.checked })} />
          Also run once when the page loads
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="runBehavior" checked={value.runBehavior === "automatic"} onChange={() => onChange({ runBehavior: "automatic" })} />
          Automatic: runs on page load and again when an input it reads changes
        </label>
      </fieldset>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-semibold">Timeout (ms)</span>
        <input type="number" min={100} max={600000} value={value.timeoutMs}
          onChange={(e) => onChange({ timeoutMs: Math.min(600_000, Math.max(100, Number(e.target.value) || 100)) })}
          className="w-40 rounded border border-slate-300 px-2 py-1" />
        <span className="text-xs text-slate-500">A run over this time stops and answers 504.</span>
      </label>
    </div>
  );
}
