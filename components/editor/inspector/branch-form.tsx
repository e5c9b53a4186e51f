"use client";

import type { Block, BlockOf } from "@/engine/model";
import { Field } from "./inputs";

/** A branch's cases: label and condition each, added and removed; the first true case is taken. */
export function BranchForm({ block, onChange }: { block: BlockOf<"branch">; onChange: (b: Block) => void }) {
  const cases = block.config.cases;
  const set = (next: typeof cases) => onChange({ ...block, config: { cases: next } });
  return (
    <div className="flex flex-col gap-2">
      {cases.map((c, i) => (
        <div key={c.id} className="rounded-md border border-slate-200 p-2" data-case-id={c.id}>
          <div className="flex items-center justify-between text-xs text-slate-500">
            <span>Case <code>{c.id}</code></span>
            {cases.length > 1 ? <button type="button" className="text-red-600" onClick={() => set(cases.filter((_, k) => k !== i))}>Remove</button> : null}
          </div>
          <Field label="Label" value={c.label} onChange={(label) => set(cases.map((x, k) => (k === i ? { ...x, label } : x)))} />
          <Field label={`Condition ${i + 1}`} mono value={c.condition} onChange={(condition) => set(cases.map((x, k) => (k === i ? { ...x, condition } : x)))} placeholder="{{ amount > 100 }}" />
        </div>
      ))}
      <button
        type="button"
        className="self-start text-xs text-indigo-700 hover:underline"
        onClick={() => {
          let n = cases.length + 1;
          while (cases.some((c) => c.id === `case${n}`)) n++;
          set([...cases, { id: `case${n}`, label: "", condition: "{{ false }}" }]);
        }}
      >
        + Add case
      </button>
      <p className="text-xs text-slate-500">The first true case is taken; otherwise the else port.</p>
    </div>
  );
}
