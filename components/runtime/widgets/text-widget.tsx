"use client";

import { useMemo } from "react";
import { parseMarkdown } from "./markdown";
import { MarkdownView } from "./markdown-view";
import { prettyJson } from "./prop-values";
import { rootAttrs, type WidgetProps } from "./types";

/** Strings render as Markdown (markdown.ts, a safe subset); anything else as JSON. */
export function TextWidget({ component, props }: WidgetProps) {
  const value = props.value;
  const blocks = useMemo(() => (typeof value === "string" ? parseMarkdown(value) : null), [value]);
  return (
    <div {...rootAttrs(component)} className="h-full w-full overflow-auto">
      {blocks ? (
        <MarkdownView blocks={blocks} />
      ) : value === undefined ? null : (
        <pre className="whitespace-pre-wrap break-all font-mono text-xs text-slate-700">{prettyJson(value)}</pre>
      )}
    </div>
  );
}
