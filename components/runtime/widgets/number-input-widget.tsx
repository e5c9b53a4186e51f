"use client";

import { useId, useState } from "react";
import { boolProp, numberProp, textProp } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";
import { FIELD_CLASS, Field, fieldAriaLabel } from "./widget-parts";

/** `state.value` as a number, or null when empty or not a finite number. */
export function numberValue(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Controlled by `state.value` (number or null). The text being typed is kept locally so
 * drafts like "1." or "-" survive; every parsable edit reports setState({ value }) + "change".
 * Out-of-range values are clamped to min/max when the field loses focus.
 */
export function NumberInputWidget({ component, props, state, setState, fire, loading }: WidgetProps) {
  const id = useId();
  const label = textProp(props.label);
  const min = numberProp(props.min);
  const max = numberProp(props.max);
  const step = numberProp(props.step);
  const value = numberValue(state.value);
  const [draft, setDraft] = useState<{ text: string; value: number | null }>({ text: value === null ? "" : String(value), value });
  // The value changed from outside (a "set value" action, a reset): show it.
  const text = draft.value === value ? draft.text : value === null ? "" : String(value);

  const commit = (next: number | null) => {
    if (next === value) return;
    setState({ value: next });
    fire("change");
  };

  return (
    <div {...rootAttrs(component)} className="h-full w-full" aria-busy={loading || undefined}>
      <Field id={id} label={label} loading={loading}>
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={text}
          min={min}
          max={max}
          step={step ?? "any"}
          placeholder={textProp(props.placeholder)}
          disabled={boolProp(props.disabled, false)}
          aria-label={fieldAriaLabel(label, component.name)}
          onChange={(e) => {
            // A half-typed number ("1e") reads as "" with badInput: wait for the rest.
            if (e.target.validity.badInput) return;
            const raw = e.target.value;
            const parsed = raw.trim() === "" ? null : Number(raw);
            const next = parsed === null || Number.isFinite(parsed) ? parsed : value;
            setDraft({ text: raw, value: next });
            commit(next);
          }}
          onBlur={() => {
            if (value === null) return;
            const clamped = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, value));
            setDraft({ text: String(clamped), value: clamped });
            commit(clamped);
          }}
          className={FIELD_CLASS}
        />
      </Field>
    </div>
  );
}
