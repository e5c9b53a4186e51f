"use client";

import { useId } from "react";

const base = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm outline-none focus:border-indigo-500";

/** A labelled single-line input; `mono` for templates and names. */
export function Field({ label, value, onChange, mono, placeholder, type = "text" }: {
  label: string;
  value: string | number;
  onChange: (v: string) => void;
  mono?: boolean;
  placeholder?: string;
  type?: "text" | "number";
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">{label}</label>
      <input id={id} type={type} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} className={`${base} ${mono ? "font-mono" : ""}`} />
    </div>
  );
}

export function Select<T extends string>({ label, value, options, onChange }: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(options.find(([v]) => v === e.target.value)?.[0] ?? value)} className={base}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}

export interface Pair {
  key: string;
  value: string;
}

/** Editable key/value rows (query parameters, headers, form fields). */
export function PairsEditor({ label, pairs, onChange }: { label: string; pairs: Pair[]; onChange: (p: Pair[]) => void }) {
  const set = (i: number, patch: Partial<Pair>) => onChange(pairs.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-xs font-medium text-slate-600">{label}</legend>
      {pairs.map((p, i) => (
        <div key={i} className="flex gap-1">
          <input aria-label={`${label} name ${i + 1}`} value={p.key} onChange={(e) => set(i, { key: e.target.value })} placeholder="name" className={`${base} font-mono`} />
          <input aria-label={`${label} value ${i + 1}`} value={p.value} onChange={(e) => set(i, { value: e.target.value })} placeholder="value or {{ expression }}" className={`${base} font-mono`} />
          <button type="button" aria-label={`Remove ${label} ${i + 1}`} className="px-1 text-slate-500 hover:text-red-600" onClick={() => onChange(pairs.filter((_, k) => k !== i))}>×</button>
        </div>
      ))}
      <button type="button" className="self-start text-xs text-indigo-700 hover:underline" onClick={() => onChange([...pairs, { key: "", value: "" }])}>
        + Add
      </button>
    </fieldset>
  );
}
