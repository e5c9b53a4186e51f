"use client";

import { useId } from "react";
import { boolProp, textProp } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";
import { fieldAriaLabel } from "./widget-parts";

/** Controlled by `state.value` (boolean). Toggling: setState({ value }) then "change". */
export function CheckboxWidget({ component, props, state, setState, fire, loading }: WidgetProps) {
  const id = useId();
  const label = textProp(props.label);
  return (
    <div {...rootAttrs(component)} className="flex h-full w-full items-center" aria-busy={loading || undefined}>
      <label htmlFor={id} className="inline-flex min-w-0 cursor-pointer items-center gap-2 text-sm text-slate-800">
        <input
          id={id}
          type="checkbox"
          checked={state.value === true}
          disabled={boolProp(props.disabled, false)}
          aria-label={fieldAriaLabel(label, component.name)}
          onChange={(e) => {
            setState({ value: e.target.checked });
            fire("change");
          }}
          className="h-4 w-4 shrink-0 rounded border-slate-300 accent-indigo-600"
        />
        <span className="truncate">{label}</span>
      </label>
    </div>
  );
}
