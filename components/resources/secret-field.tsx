"use client";

import { useState } from "react";

/**
 * A secret in a form: the value is never shown or sent back by the server. When set, the field
 * says so and offers Replace and Clear; `onChange(undefined)` keeps the stored value.
 * `mustReenter`: the resource's target changed, so the stored value will not be sent there; the
 * field asks for it again (or Clear).
 */
export function SecretField({
  label,
  isSet,
  value,
  onChange,
  mustReenter = false,
}: {
  label: string;
  isSet: boolean;
  /** undefined: keep; null: clear; string: replace. */
  value: string | null | undefined;
  onChange: (v: string | null | undefined) => void;
  mustReenter?: boolean;
}) {
  const [editing, setEditing] = useState(!isSet);
  const id = `secret-${label.replace(/\W+/g, "-").toLowerCase()}`;
  // A value being typed keeps the input (mustReenter ends with the first character typed).
  const typing = typeof value === "string" && value !== "";
  if (!editing && value !== null && !mustReenter && !typing) {
    return (
      <div className="flex flex-col gap-1">
        <span className="text-sm font-medium">{label}</span>
        <div className="flex items-center gap-2 text-sm" data-testid={`${id}-state`}>
          <span className="rounded bg-slate-100 px-2 py-1 font-mono text-slate-600">•••••••• set</span>
          <button type="button" className="text-indigo-700 hover:underline" onClick={() => { setEditing(true); onChange(""); }}>
            Replace
          </button>
          <button type="button" className="text-red-700 hover:underline" onClick={() => onChange(null)}>
            Clear
          </button>
        </div>
      </div>
    );
  }
  const asking = mustReenter && value !== null;
  return (
    <div className="flex flex-col gap-1" data-testid={asking ? `${id}-reenter` : undefined}>
      <label className="flex flex-col gap-1" htmlFor={id}>
        <span className="text-sm font-medium">{label}</span>
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          value={value ?? ""}
          placeholder={value === null ? "Cleared on save" : asking ? "Enter it again" : "Not set"}
          onChange={(e) => onChange(e.target.value)}
          className={`rounded-md border px-2 py-1.5 font-mono text-sm outline-none focus:border-indigo-500 ${asking ? "border-amber-500" : "border-slate-300"}`}
        />
      </label>
      {asking ? (
        <span className="text-xs text-amber-800">
          The address changed: the stored value is not sent there. Enter it again, or{" "}
          <button type="button" className="text-red-700 hover:underline" onClick={() => onChange(null)}>clear it</button>
        </span>
      ) : null}
    </div>
  );
}
