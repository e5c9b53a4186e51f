"use client";

import { useEffect, useState } from "react";
import type { PageComponent } from "@/engine/pages";
import type { AppState } from "../runtime/app-state";
import { evaluateTemplate } from "../runtime/expressions";
import type { PropField } from "../runtime/widgets/registry";
import { CodeEditor, type ScopeName } from "../editor/inspector/code-editor";

type Value = PageComponent["props"][string];

/** The current value of a template, as the inspector shows it under the field. */
export function ValuePreview({ template, state }: { template: string; state: AppState | null }) {
  if (!state || !template.includes("{{")) return null;
  const r = evaluateTemplate(template, state);
  const text = r.ok ? JSON.stringify(r.value) ?? "undefined" : r.error;
  return (
    <div data-testid="expression-value" data-ok={r.ok ? "true" : "false"} className={`truncate rounded bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] ${r.ok ? "text-slate-600" : "text-red-600"}`} title={text}>
      {r.ok ? "= " : "⚠ "}{text.length > 200 ? `${text.slice(0, 200)}…` : text}
    </div>
  );
}

/** One prop of the selected component, by kind; templates show their current value and complete names. */
export function PropFieldEditor({ field, value, onChange, state, names }: {
  field: PropField;
  value: Value | undefined;
  onChange: (v: Value | undefined) => void;
  state: AppState | null;
  names: ScopeName[];
}) {
  const text = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  const [jsonText, setJsonText] = useState(text);
  const [jsonError, setJsonError] = useState<string | null>(null);
  useEffect(() => setJsonText(text), [text]);
  const id = `prop-${field.name}`;
  let control;
  if (field.kind === "boolean") {
    control = (
      <div className="flex items-center gap-2">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <input aria-label={`${field.label} (template)`} value={typeof value === "string" ? value : ""} placeholder="or {{ expression }}"
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-1 font-mono text-xs" />
      </div>
    );
  } else if (field.kind === "number") {
    control = <input id={id} type="number" value={typeof value === "number" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))} className="w-full rounded border border-slate-300 px-1.5 py-1 text-sm" />;
  } else if (field.kind === "json") {
    control = (
      <textarea id={id} rows={3} value={jsonText} className={`w-full rounded border px-1.5 py-1 font-mono text-xs ${jsonError ? "border-red-500" : "border-slate-300"}`}
        onChange={(e) => {
          setJsonText(e.target.value);
          if (e.target.value.includes("{{")) return (setJsonError(null), onChange(e.target.value));
          try {
            onChange(e.target.value.trim() === "" ? undefined : (JSON.parse(e.target.value) as Value));
            setJsonError(null);
          } catch (err) {
            setJsonError(err instanceof Error ? err.message : String(err));
          }
        }} />
    );
  } else {
    control = <CodeEditor label={field.label} language="text" value={text} names={names} minHeight="1.8rem" onChange={(v) => onChange(v === "" ? undefined : v)} />;
  }
  return (
    <div className="flex flex-col gap-1" data-prop={field.name}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">{field.label}</label>
      {control}
      {jsonError ? <p role="alert" className="text-xs text-red-600">{jsonError}</p> : null}
      {typeof value === "string" ? <ValuePreview template={value} state={state} /> : null}
      {field.help ? <p className="text-[11px] text-slate-500">{field.help}</p> : null}
    </div>
  );
}
