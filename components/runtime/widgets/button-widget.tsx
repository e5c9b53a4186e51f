"use client";

import { boolProp, textProp } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";
import { Spinner } from "./widget-parts";

type Variant = "primary" | "secondary" | "danger";

// The variants of components/ui/button.tsx.
const VARIANTS: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300",
  secondary: "bg-white text-slate-800 border border-slate-300 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-500 disabled:bg-red-300",
};

function variantOf(value: unknown): Variant {
  return value === "secondary" || value === "danger" ? value : "primary";
}

export function ButtonWidget({ component, props, fire, loading }: WidgetProps) {
  const disabled = boolProp(props.disabled, false) || loading;
  return (
    <div {...rootAttrs(component)} className="flex h-full w-full items-center">
      <button
        type="button"
        disabled={disabled}
        aria-busy={loading || undefined}
        onClick={() => fire("click")}
        className={`inline-flex w-full min-w-0 items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium transition-colors disabled:cursor-not-allowed ${VARIANTS[variantOf(props.variant)]}`}
      >
        {loading ? <Spinner /> : null}
        <span className="truncate">{textProp(props.label) || "Button"}</span>
      </button>
    </div>
  );
}
