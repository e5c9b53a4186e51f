"use client";

import type { ReactNode } from "react";
import { Field, Select } from "../ui/fields";

/** The Resources page's fields: the shared ones with the full-form look. */
export function TextField(p: Omit<Parameters<typeof Field>[0], "look" | "mono">) {
  return <Field {...p} look="form" />;
}

export function SelectField<T extends string>(p: Omit<Parameters<typeof Select<T>>[0], "look">) {
  return <Select {...p} look="form" />;
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return <div className="grid grid-cols-2 gap-3">{children}</div>;
}
