"use client";

import type { BlockOf, QueryConfig } from "@/engine/model";
import { QUERY_KIND_OF, type ResourceKind } from "@/engine/resources";
import { CodeEditor, type ScopeName } from "./code-editor";
import { Field, PairsEditor, Select } from "./inputs";

export interface ResourceOption {
  id: string;
  name: string;
  kind: ResourceKind;
}

function defaultQuery(resource: ResourceOption): QueryConfig {
  const kind = QUERY_KIND_OF[resource.kind];
  if (kind === "rest") return { kind, resourceId: resource.id, method: "GET", path: "/", query: [], headers: [], body: { type: "none" } };
  if (kind === "sql") return { kind, resourceId: resource.id, statement: "SELECT 1", rowLimit: 10_000, transaction: false };
  return { kind, resourceId: resource.id, to: "", cc: "", bcc: "", subject: "", text: "", html: "" };
}

const METHODS = [["GET", "GET"], ["POST", "POST"], ["PUT", "PUT"], ["PATCH", "PATCH"], ["DELETE", "DELETE"], ["HEAD", "HEAD"]] as const;

/** A query block: a resource picker, then the form of that resource's kind. */
export function QueryForm({ block, resources, names, onConfig }: {
  block: BlockOf<"query">;
  resources: ResourceOption[];
  names: ScopeName[];
  onConfig: (c: QueryConfig) => void;
}) {
  const c = block.config;
  const picked = resources.find((r) => r.id === c.resourceId);
  return (
    <div className="flex flex-col gap-3">
      <Select
        label="Resource"
        value={picked ? picked.id : ""}
        options={[["", picked ? "" : "Choose a resource…"], ...resources.map((r) => [r.id, `${r.name} (${r.kind})`] as const)]}
        onChange={(id) => {
          const r = resources.find((x) => x.id === id);
          if (r) onConfig(defaultQuery(r));
        }}
      />
      {!picked ? <p className="text-xs text-amber-700">Pick a resource. Admins add resources on the Resources page.</p> : null}
      {c.kind === "rest" ? (
        <>
          <div className="grid grid-cols-[7rem_1fr] gap-2">
            <Select label="Method" value={c.method} options={METHODS} onChange={(method) => onConfig({ ...c, method })} />
            <Field label="Path" mono value={c.path} onChange={(path) => onConfig({ ...c, path })} placeholder="/customers/{{ id }}" />
          </div>
          <PairsEditor label="Query parameters" pairs={c.query} onChange={(query) => onConfig({ ...c, query })} />
          <PairsEditor label="Headers" pairs={c.headers} onChange={(headers) => onConfig({ ...c, headers })} />
          <Select
            label="Body"
            value={c.body.type}
            options={[["none", "None"], ["json", "JSON"], ["form", "Form"], ["raw", "Raw text"]] as const}
            onChange={(type) => onConfig({ ...c, body: type === "form" ? { type, fields: [] } : type === "none" ? { type } : { type, value: "" } })}
          />
          {c.body.type === "json" || c.body.type === "raw" ? (
            <CodeEditor label="Body" language={c.body.type === "json" ? "json" : "text"} value={c.body.value} names={names}
              onChange={(value) => onConfig({ ...c, body: c.body.type === "raw" ? { ...c.body, value } : { type: "json", value } })} minHeight="5rem" />
          ) : null}
          {c.body.type === "form" ? (
            <PairsEditor label="Form fields" pairs={c.body.fields} onChange={(fields) => onConfig({ ...c, body: { type: "form", fields } })} />
          ) : null}
        </>
      ) : null}
      {c.kind === "sql" ? (
        <>
          <CodeEditor label="SQL" language="sql" value={c.statement} names={names} onChange={(statement) => onConfig({ ...c, statement })} />
          <p className="text-xs text-slate-500">{"{{ }}"} values are bound as parameters: write <code>{"id = {{ id }}"}</code>, without quotes.</p>
          <div className="grid grid-cols-2 gap-2">
            <Field label="Row limit" type="number" value={c.rowLimit} onChange={(v) => onConfig({ ...c, rowLimit: Number(v) || 1 })} />
            <label className="mt-5 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={c.transaction} onChange={(e) => onConfig({ ...c, transaction: e.target.checked })} />
              Several statements in a transaction
            </label>
          </div>
        </>
      ) : null}
      {c.kind === "smtp" ? (
        <>
          <Field label="To" mono value={c.to} onChange={(to) => onConfig({ ...c, to })} placeholder="{{ customer.data.email }}" />
          <div className="grid grid-cols-2 gap-2">
            <Field label="Cc" mono value={c.cc} onChange={(cc) => onConfig({ ...c, cc })} />
            <Field label="Bcc" mono value={c.bcc} onChange={(bcc) => onConfig({ ...c, bcc })} />
          </div>
          <Field label="Subject" mono value={c.subject} onChange={(subject) => onConfig({ ...c, subject })} />
          <CodeEditor label="Text body" language="text" value={c.text} names={names} onChange={(text) => onConfig({ ...c, text })} minHeight="5rem" />
          <CodeEditor label="HTML body" language="text" value={c.html} names={names} onChange={(html) => onConfig({ ...c, html })} minHeight="4rem" />
        </>
      ) : null}
    </div>
  );
}
