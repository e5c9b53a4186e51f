"use client";

import type { ReactNode } from "react";
import type { Block, BlockOf, BlockType } from "@/engine/model";
import { BranchForm } from "./branch-form";
import { CodeEditor, type ScopeName } from "./code-editor";
import { Field, PairsEditor, Select } from "./inputs";
import { QueryForm, type ResourceOption } from "./query-form";

export interface FunctionOption {
  id: string;
  name: string;
}

/** What a block type's own form gets: its block, the choices it may offer, and the setter. */
export interface KindInspectorProps<K extends BlockType> {
  block: BlockOf<K>;
  resources: ResourceOption[];
  functions: FunctionOption[];
  names: ScopeName[];
  /** Replaces the block; the store validates it. */
  onChange: (next: Block) => void;
}

export type KindInspector<K extends BlockType> = (p: KindInspectorProps<K>) => ReactNode;

/**
 * The form of each block type's config, under the inspector's shared name, timeout and retry
 * fields. The mapped type makes a block type without a form a compile error.
 */
const KIND_INSPECTORS: { readonly [K in BlockType]: KindInspector<K> } = {
  start: () => <p className="text-sm text-slate-600">The run starts here, with the parameters in scope.</p>,
  query: ({ block, resources, names, onChange }) => (
    <QueryForm block={block} resources={resources} names={names} onConfig={(config) => onChange({ ...block, config })} />
  ),
  code: ({ block, names, onChange }) => (
    <>
      <Select label="Language" value={block.config.language} options={[["javascript", "JavaScript"], ["python", "Python"]] as const}
        onChange={(language) => onChange({ ...block, config: { ...block.config, language } })} />
      <CodeEditor label={`Code of ${block.name}`} language={block.config.language} value={block.config.source} names={names}
        onChange={(source) => onChange({ ...block, config: { ...block.config, source } })} minHeight="12rem" />
    </>
  ),
  branch: ({ block, onChange }) => <BranchForm block={block} onChange={onChange} />,
  loop: ({ block, onChange }) => (
    <>
      <Field label="Loop over" mono value={block.config.source} onChange={(source) => onChange({ ...block, config: { ...block.config, source } })} placeholder="{{ getCustomers.data }}" />
      <Field label="At most iterations" type="number" value={block.config.maxIterations} onChange={(v) => onChange({ ...block, config: { ...block.config, maxIterations: Math.max(1, Number(v) || 1) } })} />
      <p className="text-xs text-slate-500">Blocks in the loop see <code>item</code> and <code>index</code>.</p>
    </>
  ),
  callFunction: ({ block, functions, onChange }) => (
    <>
      <Select label="Function" value={block.config.functionId}
        options={[["", "Choose a function…"], ...functions.map((f) => [f.id, f.name] as const)]}
        onChange={(functionId) => onChange({ ...block, config: { ...block.config, functionId: functionId || block.config.functionId } })} />
      <PairsEditor label="Arguments" pairs={Object.entries(block.config.args).map(([key, value]) => ({ key, value }))}
        onChange={(pairs) => onChange({ ...block, config: { ...block.config, args: Object.fromEntries(pairs.map((x) => [x.key, x.value])) } })} />
    </>
  ),
  errorHandler: () => (
    <p className="text-sm text-slate-600">Runs when a block fails without its own error path; <code>error</code> holds what failed. Reaching a Return here makes the run succeed.</p>
  ),
  return: ({ block, onChange }) => (
    <Field label="Return value" mono value={block.config.value} onChange={(value) => onChange({ ...block, config: { value } })} placeholder="{{ code1.data }}" />
  ),
};

/**
 * The form of `type` for `block`. The type travels as its own argument so that TypeScript
 * ties the form to a block of the same type (it cannot relate `block.type` to `block`).
 */
export function KindForm<K extends BlockType>({ type, ...p }: KindInspectorProps<K> & { type: K }) {
  const Form: KindInspector<K> = KIND_INSPECTORS[type];
  return <Form {...p} />;
}
