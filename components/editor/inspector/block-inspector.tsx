"use client";

import { useEffect, useState } from "react";
import type { Block, BlockOf, RetryPolicy } from "@/engine/model";
import { CodeEditor, type ScopeName } from "./code-editor";
import { Field, PairsEditor, Select } from "./inputs";
import { QueryForm, type ResourceOption } from "./query-form";

export interface FunctionOption {
  id: string;
  name: string;
}

export interface InspectorProps {
  block: Block;
  resources: ResourceOption[];
  functions: FunctionOption[];
  names: ScopeName[];
  /** Replaces the block (config, timeout, retry); the store validates it. */
  onChange: (next: Block) => void;
  /** Renames the block and its references; resolves to an error message when refused. */
  onRename: (name: string) => string | null;
}

const TYPE_LABELS: Record<Block["type"], string> = {
  start: "Start", query: "Resource query", code: "Code", branch: "Branch", loop: "Loop",
  errorHandler: "Error handler", callFunction: "Call function", return: "Return",
};

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

function BranchForm({ block, onChange }: { block: BlockOf<"branch">; onChange: (b: Block) => void }) {
  const cases = block.config.cases;
  const set = (next: typeof cases) => onChange({ ...block, config: { cases: next } });
  return (
    <div className="flex flex-col gap-2">
      {cases.map((c, i) => (
        <div key={c.id} className="rounded-md border border-slate-200 p-2" data-case-id={c.id}>
          <div className="flex items-center justify-between text-xs text-slate-500">
            <span>Case <code>{c.id}</code></span>
            {cases.length > 1 ? <button type="button" className="text-red-600" onClick={() => set(cases.filter((_, k) => k !== i))}>Remove</button> : null}
          </div>
          <Field label="Label" value={c.label} onChange={(label) => set(cases.map((x, k) => (k === i ? { ...x, label } : x)))} />
          <Field label={`Condition ${i + 1}`} mono value={c.condition} onChange={(condition) => set(cases.map((x, k) => (k === i ? { ...x, condition } : x)))} placeholder="{{ amount > 100 }}" />
        </div>
      ))}
      <button
        type="button"
        className="self-start text-xs text-indigo-700 hover:underline"
        onClick={() => {
          let n = cases.length + 1;
          while (cases.some((c) => c.id === `case${n}`)) n++;
          set([...cases, { id: `case${n}`, label: "", condition: "{{ false }}" }]);
        }}
      >
        + Add case
      </button>
      <p className="text-xs text-slate-500">The first true case is taken; otherwise the else port.</p>
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

/** The selected block's settings. */
export function BlockInspector(p: InspectorProps) {
  const { block, onChange, names } = p;
  return (
    <div className="flex flex-col gap-3" data-testid="inspector" data-inspected-block={block.name}>
      <div className="text-xs uppercase tracking-wide text-slate-500">{TYPE_LABELS[block.type]}</div>
      {block.type !== "start" ? <NameField block={block} onRename={p.onRename} /> : null}
      {block.type === "code" ? (
        <>
          <Select label="Language" value={block.config.language} options={[["javascript", "JavaScript"], ["python", "Python"]] as const}
            onChange={(language) => onChange({ ...block, config: { ...block.config, language } })} />
          <CodeEditor label={`Code of ${block.name}`} language={block.config.language} value={block.config.source} names={names}
            onChange={(source) => onChange({ ...block, config: { ...block.config, source } })} minHeight="12rem" />
        </>
      ) : null}
      {block.type === "query" ? <QueryForm block={block} resources={p.resources} names={names} onConfig={(config) => onChange({ ...block, config })} /> : null}
      {block.type === "branch" ? <BranchForm block={block} onChange={onChange} /> : null}
      {block.type === "loop" ? (
        <>
          <Field label="Loop over" mono value={block.config.source} onChange={(source) => onChange({ ...block, config: { ...block.config, source } })} placeholder="{{ getCustomers.data }}" />
          <Field label="At most iterations" type="number" value={block.config.maxIterations} onChange={(v) => onChange({ ...block, config: { ...block.config, maxIterations: Math.max(1, Number(v) || 1) } })} />
          <p className="text-xs text-slate-500">Blocks in the loop see <code>item</code> and <code>index</code>.</p>
        </>
      ) : null}
      {block.type === "return" ? (
        <Field label="Return value" mono value={block.config.value} onChange={(value) => onChange({ ...block, config: { value } })} placeholder="{{ code1.data }}" />
      ) : null}
      {block.type === "callFunction" ? (
        <>
          <Select label="Function" value={block.config.functionId}
            options={[["", "Choose a function…"], ...p.functions.map((f) => [f.id, f.name] as const)]}
            onChange={(functionId) => onChange({ ...block, config: { ...block.config, functionId: functionId || block.config.functionId } })} />
          <PairsEditor label="Arguments" pairs={Object.entries(block.config.args).map(([key, value]) => ({ key, value }))}
            onChange={(pairs) => onChange({ ...block, config: { ...block.config, args: Object.fromEntries(pairs.map((x) => [x.key, x.value])) } })} />
        </>
      ) : null}
      {block.type === "start" ? <p className="text-sm text-slate-600">The run starts here, with the parameters in scope.</p> : null}
      {block.type === "errorHandler" ? <p className="text-sm text-slate-600">Runs when a block fails without its own error path; <code>error</code> holds what failed. Reaching a Return here makes the run succeed.</p> : null}
      {block.type !== "start" && block.type !== "errorHandler" ? <RetryTimeout block={block} onChange={onChange} /> : null}
    </div>
  );
}
