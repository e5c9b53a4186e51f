"use client";

import { useState, type ReactNode } from "react";
import type { TraceEntry } from "@/engine/interpreter/types";
import { ErrorView } from "./error-view";
import { formatMs, formatSize } from "./format";
import { displayStatus } from "./geometry";
import { JsonTree } from "@/components/shared/json-tree";
import { LogLine } from "./logs-view";
import { parsePreview } from "./preview";
import { StatusBadge } from "./status-style";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-3">
      <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </section>
  );
}

function Output({ entry }: { entry: TraceEntry }) {
  if (!entry.output) return <p className="text-xs text-slate-500">{entry.status === "ok" ? "No output recorded." : "No output."}</p>;
  const p = parsePreview(entry.output);
  if (p.kind === "json") return <JsonTree value={p.value} initiallyExpanded={2} />;
  return (
    <div>
      {p.truncated ? (
        <p className="mb-1 text-xs text-amber-700">
          Truncated: the first {formatSize(p.text.length)} of {formatSize(p.size)} are shown as text.
        </p>
      ) : null}
      <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{p.text}</pre>
    </div>
  );
}

function EntryDetails({ entry }: { entry: TraceEntry }) {
  return (
    <div>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <div className="flex items-center gap-1">
          <dt className="sr-only">Status</dt>
          <dd>
            <StatusBadge status={displayStatus(entry)} />
          </dd>
        </div>
        <div>
          <dt className="inline">Duration </dt>
          <dd className="inline tabular-nums">{formatMs(entry.durationMs)}</dd>
        </div>
        <div>
          <dt className="inline">Started at </dt>
          <dd className="inline tabular-nums">{formatMs(entry.startedAt)}</dd>
        </div>
        <div>
          <dt className="inline">Attempts </dt>
          <dd className="inline tabular-nums">{entry.attempts}</dd>
        </div>
        {entry.port ? (
          <div>
            <dt className="inline">Port </dt>
            <dd className="inline font-mono">{entry.port}</dd>
          </div>
        ) : null}
      </dl>
      {entry.error ? (
        <Section title="Error">
          <ErrorView error={entry.error} testId="block-error" />
        </Section>
      ) : null}
      {entry.status !== "skipped" || entry.output ? (
        <Section title="Output">
          <Output entry={entry} />
        </Section>
      ) : null}
      <Section title={`Logs (${entry.logs.length})`}>
        {entry.logs.length === 0 ? (
          <p className="text-xs text-slate-500">No logs.</p>
        ) : (
          <ul>
            {entry.logs.map((l, i) => (
              <LogLine key={i} log={{ ...l, block: "" }} t={l.t} />
            ))}
          </ul>
        )}
        {entry.logsTruncated ? <p className="mt-1 text-xs text-amber-700">Later log lines were dropped (log size limit).</p> : null}
      </Section>
    </div>
  );
}

/** Which execution to show first: the first failing one, else the last. */
function defaultIndex(entries: readonly TraceEntry[]): number {
  const failed = entries.findIndex((e) => e.status === "error");
  return failed >= 0 ? failed : entries.length - 1;
}

/**
 * The selected block's trace entry: status, timing, attempts, port, output preview, error and
 * logs. A block that ran several times (loop bodies) gets a picker of its executions.
 */
export function BlockOutput({ trace, blockId, onClose }: { trace: readonly TraceEntry[]; blockId: string; onClose?: () => void }) {
  const entries = trace.filter((e) => e.blockId === blockId);
  const [picked, setPicked] = useState<{ blockId: string; index: number } | null>(null);
  const index = picked && picked.blockId === blockId && picked.index < entries.length ? picked.index : defaultIndex(entries);
  const entry = entries[index];
  return (
    <div data-testid="block-output" data-block-id={blockId} className="text-sm">
      <div className="flex items-center gap-2">
        <h3 className="min-w-0 flex-1 truncate font-mono font-semibold">{entry?.blockName ?? "Block"}</h3>
        {entry ? <span className="text-xs text-slate-500">{entry.type}</span> : null}
        {onClose ? (
          <button type="button" aria-label="Close block output" className="rounded px-1.5 text-slate-500 hover:bg-slate-200" onClick={onClose}>
            ×
          </button>
        ) : null}
      </div>
      {entries.length > 1 ? (
        <label className="mt-1 flex items-center gap-2 text-xs text-slate-600">
          Execution
          <select
            value={index}
            onChange={(e) => setPicked({ blockId, index: Number(e.target.value) })}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
          >
            {entries.map((e, i) => (
              <option key={i} value={i}>
                {e.iteration !== undefined ? `iteration ${e.iteration}` : `run ${i + 1}`} · {displayStatus(e)}
              </option>
            ))}
          </select>
          <span className="text-slate-400">{entries.length} executions</span>
        </label>
      ) : null}
      <div className="mt-2">{entry ? <EntryDetails entry={entry} /> : <p className="text-xs text-slate-500">This block did not run in this run.</p>}</div>
    </div>
  );
}
