"use client";

import { JsonTree } from "@/components/shared/json-tree";
import { rootAttrs, type WidgetProps } from "./types";

/** A collapsible view of `props.value`, with the editor's JsonTree. */
export function JsonWidget({ component, props, loading }: WidgetProps) {
  return (
    <div
      {...rootAttrs(component)}
      aria-busy={loading || undefined}
      className={`h-full w-full overflow-auto rounded-md border border-slate-200 bg-white p-2 ${loading ? "opacity-60" : ""}`}
    >
      <JsonTree value={props.value ?? null} initiallyExpanded={1} />
    </div>
  );
}
