"use client";

import { textProp } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";

/** A bordered box with an optional title; `children` is its nested grid, rendered by the runtime. */
export function ContainerWidget({ component, props, loading, children }: WidgetProps) {
  const title = textProp(props.title);
  return (
    <section
      {...rootAttrs(component)}
      aria-label={title || component.name}
      aria-busy={loading || undefined}
      className="flex h-full w-full min-w-0 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white"
    >
      {title ? <h2 className="shrink-0 truncate border-b border-slate-200 px-3 py-2 text-sm font-semibold text-slate-800">{title}</h2> : null}
      <div className="min-h-0 flex-1 overflow-auto">{children}</div>
    </section>
  );
}
