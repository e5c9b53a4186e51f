"use client";

import type { Action } from "@/engine/model";
import { Field, Select } from "../editor/inspector/inputs";

export interface ActionContext {
  functions: Array<{ name: string; params: string[] }>;
  components: string[];
  pages: string[];
}

const TYPES = [
  ["runFunction", "Run a function"], ["notify", "Show a notification"], ["setValue", "Set a component's value"],
  ["openUrl", "Open a URL"], ["openPage", "Open a page"], ["copy", "Copy to clipboard"],
] as const;

function blank(type: Action["type"], ctx: ActionContext): Action {
  switch (type) {
    case "runFunction":
      return { type, function: ctx.functions[0]?.name ?? "", params: {}, onSuccess: [], onFailure: [] };
    case "notify":
      return { type, message: "Done", level: "info" };
    case "setValue":
      return { type, component: ctx.components[0] ?? "", value: "" };
    case "openUrl":
      return { type, url: "https://", newTab: true };
    case "openPage":
      return { type, page: ctx.pages[0] ?? "", query: {} };
    default:
      return { type: "copy", text: "" };
  }
}

function ActionFields({ action, ctx, onChange, depth }: { action: Action; ctx: ActionContext; onChange: (a: Action) => void; depth: number }) {
  switch (action.type) {
    case "runFunction": {
      const fn = ctx.functions.find((f) => f.name === action.function);
      return (
        <>
          <Select label="Function" value={action.function} options={ctx.functions.map((f) => [f.name, f.name] as const)} onChange={(name) => onChange({ ...action, function: name, params: {} })} />
          {fn?.params.map((p) => (
            <Field key={p} label={`Parameter ${p}`} mono value={action.params[p] ?? ""} placeholder="default" onChange={(v) => onChange({ ...action, params: { ...action.params, [p]: v } })} />
          ))}
          <Field label="Ask to confirm first (message)" value={action.confirm ?? ""} onChange={(v) => onChange({ ...action, confirm: v || undefined })} />
          {depth < 2 ? (
            <>
              <ActionList label="On success" actions={action.onSuccess} ctx={ctx} depth={depth + 1} onChange={(onSuccess) => onChange({ ...action, onSuccess })} />
              <ActionList label="On failure" actions={action.onFailure} ctx={ctx} depth={depth + 1} onChange={(onFailure) => onChange({ ...action, onFailure })} />
            </>
          ) : null}
        </>
      );
    }
    case "notify":
      return (
        <>
          <Field label="Message" mono value={action.message} onChange={(message) => onChange({ ...action, message })} />
          <Select label="Level" value={action.level} options={[["info", "Info"], ["success", "Success"], ["warning", "Warning"], ["error", "Error"]] as const} onChange={(level) => onChange({ ...action, level })} />
        </>
      );
    case "setValue":
      return (
        <>
          <Select label="Component" value={action.component} options={ctx.components.map((c) => [c, c] as const)} onChange={(component) => onChange({ ...action, component })} />
          <Field label="Value" mono value={action.value} onChange={(value) => onChange({ ...action, value })} />
        </>
      );
    case "openUrl":
      return (
        <>
          <Field label="URL" mono value={action.url} onChange={(url) => onChange({ ...action, url })} />
          <label className="flex items-center gap-2 text-xs"><input type="checkbox" checked={action.newTab} onChange={(e) => onChange({ ...action, newTab: e.target.checked })} /> In a new tab</label>
        </>
      );
    case "openPage":
      return <Select label="Page" value={action.page} options={ctx.pages.map((p) => [p, p] as const)} onChange={(page) => onChange({ ...action, page })} />;
    case "copy":
      return <Field label="Text" mono value={action.text} onChange={(text) => onChange({ ...action, text })} />;
  }
}

/** A list of event-handler actions, run in order; run actions nest their own success and failure lists. */
export function ActionList({ label, actions, ctx, onChange, depth = 0 }: {
  label: string;
  actions: Action[];
  ctx: ActionContext;
  onChange: (a: Action[]) => void;
  depth?: number;
}) {
  return (
    <fieldset className={`flex flex-col gap-2 ${depth ? "ml-2 border-l-2 border-slate-200 pl-2" : ""}`} data-action-list={label}>
      <legend className="text-xs font-semibold text-slate-600">{label}</legend>
      {actions.map((a, i) => (
        <div key={i} className="flex flex-col gap-1 rounded-md border border-slate-200 p-2" data-action-type={a.type}>
          <div className="flex items-end gap-1">
            <div className="flex-1">
              <Select label={`${label}: action ${i + 1}`} value={a.type} options={TYPES} onChange={(type) => onChange(actions.map((x, k) => (k === i ? blank(type, ctx) : x)))} />
            </div>
            <button type="button" aria-label={`Remove ${label} action ${i + 1}`} className="px-1 pb-1 text-slate-500 hover:text-red-600" onClick={() => onChange(actions.filter((_, k) => k !== i))}>×</button>
          </div>
          <ActionFields action={a} ctx={ctx} depth={depth} onChange={(next) => onChange(actions.map((x, k) => (k === i ? next : x)))} />
        </div>
      ))}
      <button type="button" className="self-start text-xs text-indigo-700 hover:underline" onClick={() => onChange([...actions, blank("runFunction", ctx)])}>
        + Add action
      </button>
    </fieldset>
  );
}
