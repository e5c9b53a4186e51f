"use client";

import { textProp } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";
import { Spinner } from "./widget-parts";

/**
 * A container whose footer submits: fire("submit", { data }). The form's data is
 * `state.data`, which the RUNTIME fills from its children's values (child name → value); this
 * widget only renders it and passes it along. Enter in a child text input submits the form
 * too (native <form> behaviour), besides that input's own "submit" event.
 */
export function FormWidget({ component, props, state, fire, loading, children }: WidgetProps) {
  const title = textProp(props.title);
  const data = typeof state.data === "object" && state.data !== null ? state.data : {};
  return (
    <form
      {...rootAttrs(component)}
      noValidate
      aria-label={title || component.name}
      aria-busy={loading || undefined}
      onSubmit={(e) => {
        e.preventDefault();
        if (!loading) fire("submit", { data });
      }}
      className="flex h-full w-full min-w-0 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
      {title ? <h2 className="shrink-0 truncate border-b border-slate-200 px-3 py-2 text-sm font-semibold text-slate-800">{title}</h2> : null}
      <div className="min-h-0 flex-1 overflow-auto">{children}</div>
      <div className="flex shrink-0 justify-end border-t border-slate-200 px-3 py-2">
        <button
          type="submit"
          disabled={loading}
          className="inline-flex items-center gap-1.5 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white transition-colors hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300"
        >
          {loading ? <Spinner /> : null}
          {textProp(props.submitLabel) || "Submit"}
        </button>
      </div>
    </form>
  );
}
