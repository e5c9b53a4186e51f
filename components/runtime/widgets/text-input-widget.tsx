"use client";

import { useId } from "react";
import { boolProp, textProp } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";
import { FIELD_CLASS, Field, fieldAriaLabel } from "./widget-parts";

/** Controlled by `state.value` (a string). Typing: setState({ value }) then "change"; Enter: "submit". */
export function TextInputWidget({ component, props, state, setState, fire, loading }: WidgetProps) {
  const id = useId();
  const label = textProp(props.label);
  const value = typeof state.value === "string" ? state.value : textProp(state.value);
  return (
    <div {...rootAttrs(component)} className="h-full w-full" aria-busy={loading || undefined}>
      <Field id={id} label={label} loading={loading}>
        <input
          id={id}
          type="text"
          value={value}
          placeholder={textProp(props.placeholder)}
          disabled={boolProp(props.disabled, false)}
          aria-label={fieldAriaLabel(label, component.name)}
          onChange={(e) => {
            setState({ value: e.target.value });
            fire("change");
          }}
          onKeyDown={(e) => {
            // Not while an input method is composing: that Enter picks a candidate.
            if (e.key === "Enter" && !e.nativeEvent.isComposing) fire("submit");
          }}
          className={FIELD_CLASS}
        />
      </Field>
    </div>
  );
}
