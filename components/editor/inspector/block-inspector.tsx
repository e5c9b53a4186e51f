"use client";

import { useEffect, useState } from "react";
import { descriptorOf, isEntry } from "@/engine/blocks";
import type { Block, RetryPolicy } from "@/engine/model";
import { Field, Select } from "./inputs";
import { KindForm, type KindInspectorProps } from "./kind-inspectors";

export type { FunctionOption } from "./kind-inspectors";

export interface InspectorProps extends KindInspectorProps<Block["type"]> {
  /** Renames the block and its references; resolves to an error message when refused. */
  onRename: (name: string) => string | null;
}

function NameField({ block, onRename }: Pick<InspectorProps, "block" | "onRename">) {
  const [name, setName] = useState(block.name);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setName(block.name);
    setError(null);
  }, [block.name]);
  const commit = () => {
    if (name !== block.name) setError(onRename(name));
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="block-name" className="text-xs font-medium text-slate-600">Name</label>
      <input
        id="block-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === "Enter" && commit()}
        className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-sm aria-invalid:border-red-500"
        aria-invalid={error ? true : undefined}
      />
      {error ? <p role="alert" className="text-xs text-red-600">{error}</p> : null}
    </div>
  );
}

function RetryTimeout({ block, onChange }: { block: Block; onChange: (b: Block) => void }) {
  const retry: RetryPolicy = block.retry ?? { count: 0, intervalMs: 1000, backoff: "fixed" };
  const setRetry = (patch: Partial<RetryPolicy>) => onChange({ ...block, retry: { ...retry, ...patch } });
  return (
    <details className="rounded-md border border-slate-200 p-2">
      <summary className="cursor-pointer text-xs font-medium text-slate-600">Timeout and retries</summary>
      <div className="mt-2 grid grid-cols-2 gap-2">
        <Field label="Timeout (ms)" type="number" value={block.timeoutMs ?? ""} placeholder="function default"
          onChange={(v) => onChange({ ...block, timeoutMs: v === "" ? undefined : Math.max(1, Number(v)) })} />
        <Field label="Retries" type="number" value={retry.count} onChange={(v) => setRetry({ count: Math.max(0, Math.min(10, Number(v) || 0)) })} />
        <Field label="Interval (ms)" type="number" value={retry.intervalMs} onChange={(v) => setRetry({ intervalMs: Math.max(0, Number(v) || 0) })} />
        <Select label="Backoff" value={retry.backoff} options={[["fixed", "Fixed"], ["exponential", "Exponential"]] as const} onChange={(backoff) => setRetry({ backoff })} />
      </div>
    </details>
  );
}

/** The selected block's settings: its type's label, name, its type's form (`kind-inspectors.tsx`), timeout and retries. */
export function BlockInspector(p: InspectorProps) {
  const { block, onChange, names } = p;
  return (
    <div className="flex flex-col gap-3" data-testid="inspector" data-inspected-block={block.name}>
      <div className="text-xs uppercase tracking-wide text-slate-500">{descriptorOf(block.type).label}</div>
      {block.type !== "start" ? <NameField block={block} onRename={p.onRename} /> : null}
      <KindForm type={block.type} block={block} resources={p.resources} functions={p.functions} names={names} onChange={onChange} />
      {isEntry(block.type) ? null : <RetryTimeout block={block} onChange={onChange} />}
    </div>
  );
}
