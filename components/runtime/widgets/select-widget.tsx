"use client";

import { useId, useMemo } from "react";
import { boolProp, textProp } from "./prop-values";
import { normaliseOptions, selectedOptionIndex } from "./select-options";
import { rootAttrs, type WidgetProps } from "./types";
import { FIELD_CLASS, Field, Warning, fieldAriaLabel } from "./widget-parts";

const NONE = "";

/**
 * Options from select-options.ts. The native <select> holds option indexes; `state.value` holds
 * the chosen option's own value (string, number or boolean), or null for the placeholder.
 */
export function SelectWidget({ component, props, state, setState, fire, loading }: WidgetProps) {
  const id = useId();
  const label = textProp(props.label);
  const { options, warning } = useMemo(() => normaliseOptions(props.options), [props.options]);
  const index = selectedOptionIndex(options, state.value);
  const placeholder = textProp(props.placeholder, "Choose…");
  return (
    <div {...rootAttrs(component)} className="h-full w-full" aria-busy={loading || undefined}>
      <Field id={id} label={label} loading={loading}>
        <select
          id={id}
          value={index === -1 ? NONE : String(index)}
          disabled={boolProp(props.disabled, false)}
          aria-label={fieldAriaLabel(label, component.name)}
          onChange={(e) => {
            const chosen = e.target.value === NONE ? undefined : options[Number(e.target.value)];
            setState({ value: chosen ? chosen.value : null });
            fire("change");
          }}
          className={FIELD_CLASS}
        >
          <option value={NONE}>{loading && options.length === 0 ? "Loading…" : placeholder}</option>
          {options.map((o, i) => (
            <option key={i} value={String(i)}>
              {o.label}
            </option>
          ))}
        </select>
        {warning ? <Warning>{warning}</Warning> : null}
      </Field>
    </div>
  );
}
