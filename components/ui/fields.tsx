"use client";

import { useId } from "react";

/** `compact`: the inspectors' small labels; `form`: full-page forms such as the Resources page. */
export type FieldLook = "compact" | "form";

const LABEL: Record<FieldLook, string> = {
  compact: "text-xs font-medium text-slate-600",
  form: "text-sm font-medium",
};
export const CONTROL: Record<FieldLook, string> = {
  compact: "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm outline-none focus:border-indigo-500",
  form: "rounded-md border border-slate-300 px-2 py-1.5 text-sm outline-none focus:border-indigo-500",
};

/** A labelled single-line input; `mono` for templates and names. */
export function Field({ label, value, onChange, mono, placeholder, type = "text", look = "compact", autoComplete }: {
  label: string;
  value: string | number;
  onChange: (v: string) => void;
  mono?: boolean;
  placeholder?: string;
  type?: "text" | "number" | "url" | "email" | "password";
  look?: FieldLook;
  autoComplete?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={LABEL[look]}>{label}</label>
      <input id={id} type={type} value={value} placeholder={placeholder} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)}
        className={`${CONTROL[look]} ${mono ? "font-mono" : ""}`} />
    </div>
  );
}

/** A labelled select over `[value, text]` options. */
export function Select<T extends string>({ label, value, options, onChange, look = "compact" }: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (v: T) => void;
  look?: FieldLook;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={LABEL[look]}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(options.find(([v]) => v === e.target.value)?.[0] ?? value)} className={CONTROL[look]}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}
