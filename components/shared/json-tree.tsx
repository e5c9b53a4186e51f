"use client";

import { useState } from "react";
import { JSON_PAGE, STRING_CAP, childCount, childEntries, isContainer, kindOf, primitiveText, summary, type JsonKind } from "./json-tree-model";

const KIND_CLASS: Record<JsonKind, string> = {
  string: "text-emerald-700",
  number: "text-sky-700",
  boolean: "text-violet-700",
  null: "italic text-slate-400",
  other: "italic text-slate-400",
  object: "text-slate-500",
  array: "text-slate-500",
};

function Label({ name, isIndex }: { name: string | null; isIndex: boolean }) {
  if (name === null) return null;
  return <span className={isIndex ? "text-slate-400" : "text-slate-800"}>{name}: </span>;
}

function Primitive({ name, isIndex, value }: { name: string | null; isIndex: boolean; value: unknown }) {
  const [full, setFull] = useState(false);
  const text = primitiveText(value);
  const long = typeof value === "string" && text.length > STRING_CAP;
  return (
    <div className="break-all pl-4">
      <Label name={name} isIndex={isIndex} />
      <span className={`whitespace-pre-wrap ${KIND_CLASS[kindOf(value)]}`}>{long && !full ? `${text.slice(0, STRING_CAP)}…` : text}</span>
      {long ? (
        <button type="button" className="ml-2 text-indigo-600 hover:underline" onClick={() => setFull((f) => !f)}>
          {full ? "less" : `all ${text.length} chars`}
        </button>
      ) : null}
    </div>
  );
}

function Container({
  name,
  isIndex,
  value,
  depth,
  initiallyExpanded,
}: {
  name: string | null;
  isIndex: boolean;
  value: Record<string, unknown> | unknown[];
  depth: number;
  initiallyExpanded: number;
}) {
  const [open, setOpen] = useState(depth < initiallyExpanded);
  const [limit, setLimit] = useState(JSON_PAGE);
  const isArray = Array.isArray(value);
  const count = childCount(value);
  if (count === 0) {
    return (
      <div className="pl-4">
        <Label name={name} isIndex={isIndex} />
        <span className="text-slate-500">{isArray ? "[]" : "{}"}</span>
      </div>
    );
  }
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-baseline rounded text-left hover:bg-slate-100 focus-visible:outline focus-visible:outline-indigo-400"
      >
        <span aria-hidden className="inline-block w-4 shrink-0 text-center text-slate-400">
          {open ? "▾" : "▸"}
        </span>
        <span className="min-w-0 truncate">
          <Label name={name} isIndex={isIndex} />
          <span className="text-slate-500">{isArray ? (open ? "[" : "[…]") : open ? "{" : "{…}"}</span>
          <span className="ml-2 text-slate-400">{summary(value)}</span>
        </span>
      </button>
      {open ? (
        <div className="ml-[7px] border-l border-slate-200 pl-1">
          {childEntries(value, limit).map(([key, child]) => (
            <JsonNode key={key} name={key} isIndex={isArray} value={child} depth={depth + 1} initiallyExpanded={initiallyExpanded} />
          ))}
          {count > limit ? (
            <div className="pl-4">
              <button type="button" className="text-indigo-600 hover:underline" onClick={() => setLimit((l) => l + JSON_PAGE)}>
                Show {Math.min(JSON_PAGE, count - limit)} more ({count - limit} not shown)
              </button>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function JsonNode({
  name,
  isIndex,
  value,
  depth,
  initiallyExpanded,
}: {
  name: string | null;
  isIndex: boolean;
  value: unknown;
  depth: number;
  initiallyExpanded: number;
}) {
  if (isContainer(value)) return <Container name={name} isIndex={isIndex} value={value} depth={depth} initiallyExpanded={initiallyExpanded} />;
  return <Primitive name={name} isIndex={isIndex} value={value} />;
}

/**
 * A collapsible view of a JSON value. Collapsed containers render nothing below them and
 * long containers render JSON_PAGE children at a time, so large results stay fast.
 * `initiallyExpanded` is the depth opened at first (1: the root's children are listed).
 */
export function JsonTree({ value, initiallyExpanded = 1, className = "" }: { value: unknown; initiallyExpanded?: number; className?: string }) {
  return (
    <div data-testid="json-tree" className={`font-mono text-xs leading-5 ${className}`}>
      <JsonNode name={null} isIndex={false} value={value} depth={0} initiallyExpanded={initiallyExpanded} />
    </div>
  );
}
