"use client";


// The inspectors' labelled input and select live with the other form parts.
export { Field, Select } from "../../ui/fields";
import { CONTROL } from "../../ui/fields";

const base = CONTROL.compact;

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
