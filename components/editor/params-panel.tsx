"use client";

import { useEffect, useState } from "react";
import { ParamType, type ParamDef } from "@/engine/model";
import { validateDefault } from "@/engine/params/validate-default";

const TYPES = ParamType.options.map((t) => [t, t] as const);
const JSON_TYPES = new Set(["object", "array", "json"]);

export interface ParamOps {
  add: () => void;
  remove: (name: string) => void;
  move: (from: number, to: number) => void;
  /** Resolves to an error message when the change is refused. */
  update: (name: string, patch: Partial<ParamDef>) => string | null;
}

function textOf(p: ParamDef): string {
  if (p.default === undefined) return "";
  if (JSON_TYPES.has(p.type)) return JSON.stringify(p.default, null, 2);
  return String(p.default);
}

/** The text typed in a default field → the JSON value, or an error; "" clears the default. */
function parseDefault(type: ParamDef["type"], text: string): { value: ParamDef["default"]; error: string | null } {
  if (text.trim() === "") return { value: undefined, error: null };
  if (JSON_TYPES.has(type)) {
    try {
      return { value: JSON.parse(text), error: null };
    } catch (err) {
      return { value: undefined, error: `Not JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  if (type === "number") return Number.isFinite(Number(text)) ? { value: Number(text), error: null } : { value: undefined, error: "Not a number" };
  return { value: text, error: null };
}

function DefaultInput({ param, onCommit }: { param: ParamDef; onCommit: (v: ParamDef["default"]) => string | null }) {
  const [text, setText] = useState(textOf(param));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(textOf(param)), [param]);
  const label = `Default of ${param.name}`;
  if (param.type === "boolean") {
    return (
      <select aria-label={label} value={param.default === undefined ? "" : String(param.default)} onChange={(e) => onCommit(e.target.value === "" ? undefined : e.target.value === "true")} className="rounded border border-slate-300 px-1 py-1 text-sm">
        <option value="">no default</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  const change = (t: string) => {
    setText(t);
    const parsed = parseDefault(param.type, t);
    if (parsed.error) return setError(parsed.error);
    const typeError = validateDefault({ ...param, default: parsed.value });
    if (typeError) return setError(typeError);
    setError(onCommit(parsed.value));
  };
  const cls = `w-full rounded border px-1 py-1 font-mono text-sm ${error ? "border-red-500" : "border-slate-300"}`;
  return (
    <div>
      {JSON_TYPES.has(param.type) ? (
        <textarea aria-label={label} rows={2} value={text} onChange={(e) => change(e.target.value)} className={cls} />
      ) : (
        <input aria-label={label} value={text} placeholder={param.type === "date" ? "2026-01-31" : ""} onChange={(e) => change(e.target.value)} className={cls} />
      )}
      {error ? <p role="alert" className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

function NameInput({ param, onRename }: { param: ParamDef; onRename: (name: string) => string | null }) {
  const [name, setName] = useState(param.name);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setName(param.name), [param.name]);
  const commit = () => name !== param.name && setError(onRename(name));
  return (
    <div>
      <input aria-label="Parameter name" value={name} onChange={(e) => setName(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()}
        className={`w-full rounded border px-1 py-1 font-mono text-sm ${error ? "border-red-500" : "border-slate-300"}`} />
      {error ? <p role="alert" className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

/** The function's typed parameters: what Test runs with by default and what pages pass. */
export function ParamsPanel({ params, ops }: { params: ParamDef[]; ops: ParamOps }) {
  return (
    <section aria-label="Parameters" className="flex flex-col gap-2" data-testid="params-panel">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold">Parameters</h3>
        <button type="button" className="text-sm text-indigo-700 hover:underline" onClick={ops.add}>+ Add parameter</button>
      </div>
      {params.length === 0 ? <p className="text-xs text-slate-500">No parameters. Pages pass values for the ones you add; Test uses their defaults.</p> : null}
      {params.map((p, i) => (
        <div key={`${i}-${p.name}`} className="grid grid-cols-[1fr_5.5rem_auto] items-start gap-1 rounded-md border border-slate-200 p-2" data-param-name={p.name}>
          <NameInput param={p} onRename={(name) => ops.update(p.name, { name })} />
          <select aria-label={`Type of ${p.name}`} value={p.type} onChange={(e) => ops.update(p.name, { type: ParamType.parse(e.target.value), default: undefined })} className="rounded border border-slate-300 px-1 py-1 text-sm">
            {TYPES.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
          </select>
          <div className="flex gap-0.5">
            <button type="button" aria-label={`Move ${p.name} up`} disabled={i === 0} className="px-1 text-slate-500 disabled:opacity-30" onClick={() => ops.move(i, i - 1)}>↑</button>
            <button type="button" aria-label={`Move ${p.name} down`} disabled={i === params.length - 1} className="px-1 text-slate-500 disabled:opacity-30" onClick={() => ops.move(i, i + 1)}>↓</button>
            <button type="button" aria-label={`Remove ${p.name}`} className="px-1 text-slate-500 hover:text-red-600" onClick={() => ops.remove(p.name)}>×</button>
          </div>
          <label className="col-span-3 flex items-center gap-1 text-xs">
            <input type="checkbox" checked={p.required} onChange={(e) => ops.update(p.name, { required: e.target.checked })} /> Required
          </label>
          <div className="col-span-3"><DefaultInput param={p} onCommit={(value) => ops.update(p.name, { default: value })} /></div>
          <input aria-label={`Description of ${p.name}`} placeholder="Description" value={p.description} onChange={(e) => ops.update(p.name, { description: e.target.value })} className="col-span-3 rounded border border-slate-300 px-1 py-1 text-xs" />
        </div>
      ))}
    </section>
  );
}
