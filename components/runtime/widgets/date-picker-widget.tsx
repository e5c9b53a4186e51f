"use client";

import { useId } from "react";
import { boolProp, textProp } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";
import { FIELD_CLASS, Field, fieldAriaLabel } from "./widget-parts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `state.value` when it is a "YYYY-MM-DD" string; otherwise empty. */
export function dateValue(value: unknown): string {
  return typeof value === "string" && ISO_DATE.test(value) ? value : "";
}

/** A native date input; `state.value` is "YYYY-MM-DD", or "" when cleared. */
export function DatePickerWidget({ component, props, state, setState, fire, loading }: WidgetProps) {
  const id = useId();
  const label = textProp(props.label);
  const min = dateValue(props.min);
  const max = dateValue(props.max);
  return (
    <div {...rootAttrs(component)} className="h-full w-full" aria-busy={loading || undefined}>
      <Field id={id} label={label} loading={loading}>
        <input
          id={id}
          type="date"
          value={dateValue(state.value)}
          min={min || undefined}
          max={max || undefined}
          disabled={boolProp(props.disabled, false)}
          aria-label={fieldAriaLabel(label, component.name)}
          onChange={(e) => {
            setState({ value: e.target.value });
            fire("change");
          }}
          className={FIELD_CLASS}
        />
      </Field>
    </div>
  );
}
