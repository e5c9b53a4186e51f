"use client";

import { useId, useState } from "react";
import type { RunOutcome } from "@/engine/interpreter/types";
import { BlockOutput } from "./block-output";
import { ErrorView } from "./error-view";
import { formatMs } from "./format";
import { JsonTree } from "@/components/shared/json-tree";
import { blockIdOf } from "./logs";
import { LogsView } from "./logs-view";
import { StatusBadge } from "./status-style";
import { Timeline } from "./timeline";

type Tab = "result" | "timeline" | "logs" | "input";

function CopyButton({ value }: { value: unknown }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-800"
      onClick={() => {
        void navigator.clipboard?.writeText(JSON.stringify(value, null, 2)).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? "Copied" : "Copy JSON"}
    </button>
  );
}

/**
 * A run's details: Result or Error, Timeline, Logs (and Input for stored runs) as tabs, and
 * beside them the selected block's output. Works for a Test outcome and for a stored run
 * (convert it with `storedRunView`). `onSelectBlock(null)` clears the selection.
 */
export function RunDetails({
  outcome,
  selectedBlockId,
  onSelectBlock,
  input,
  notes = [],
}: {
  outcome: RunOutcome;
  selectedBlockId: string | null;
  onSelectBlock: (blockId: string | null) => void;
  /** The run's input, shown as its own tab when given (stored runs). */
  input?: unknown;
  /** Notes above the tabs, e.g. what storage cut. */
  notes?: readonly string[];
}) {
  const [tab, setTab] = useState<Tab>("result");
  const base = useId();
  const tabs: Array<{ id: Tab; label: string }> = [
    { id: "result", label: outcome.status === "ok" ? "Result" : "Error" },
    { id: "timeline", label: `Timeline (${outcome.trace.length})` },
    { id: "logs", label: `Logs (${outcome.logs.length})` },
  ];
  if (input !== undefined) tabs.push({ id: "input", label: "Input" });
  const current: Tab = tab === "input" && input === undefined ? "result" : tab;
  const selectByName = (name: string) => {
    const id = blockIdOf(outcome.trace, name);
    if (id) onSelectBlock(id);
  };

  return (
    <div data-testid="run-details" data-status={outcome.status} className="flex min-h-0 flex-col gap-3 md:flex-row">
      <div className="min-w-0 flex-1">
        <div className="flex items-center gap-2 border-b border-slate-200">
          <div role="tablist" aria-label="Run details" className="flex">
            {tabs.map((t) => (
              <button
                key={t.id}
                role="tab"
                type="button"
                id={`${base}-tab-${t.id}`}
                aria-selected={current === t.id}
                aria-controls={`${base}-panel`}
                onClick={() => setTab(t.id)}
                className={`border-b-2 px-3 py-1.5 text-sm ${current === t.id ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <span className="ml-auto flex items-center gap-2 pr-1 text-xs text-slate-500">
            <StatusBadge status={outcome.status} />
            <span className="tabular-nums">{formatMs(outcome.durationMs)}</span>
          </span>
        </div>
        {notes.length > 0 ? (
          <ul className="mt-2 space-y-0.5 text-xs text-amber-700">
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${current}`} className="pt-2">
          {current === "result" ? (
            outcome.status === "ok" ? (
              <div data-testid="run-result">
                <div className="flex justify-end">
                  <CopyButton value={outcome.result ?? null} />
                </div>
                <JsonTree value={outcome.result ?? null} initiallyExpanded={2} />
              </div>
            ) : outcome.error ? (
              <ErrorView error={outcome.error} testId="run-error" onSelectBlockName={selectByName} />
            ) : (
              <p data-testid="run-error" className="text-sm text-red-700">
                The run failed without an error.
              </p>
            )
          ) : null}
          {current === "timeline" ? (
            <Timeline
              trace={outcome.trace}
              totalMs={outcome.durationMs}
              selectedBlockId={selectedBlockId}
              onSelectBlock={(id) => onSelectBlock(id === selectedBlockId ? null : id)}
            />
          ) : null}
          {current === "logs" ? (
            <LogsView logs={outcome.logs} trace={outcome.trace} selectedBlockId={selectedBlockId} onSelectBlock={onSelectBlock} />
          ) : null}
          {current === "input" ? (
            <div data-testid="run-input">
              <JsonTree value={input} initiallyExpanded={2} />
            </div>
          ) : null}
        </div>
      </div>
      {selectedBlockId !== null ? (
        <aside aria-label="Block output" className="min-w-0 border-slate-200 md:w-[40%] md:shrink-0 md:border-l md:pl-3">
          <BlockOutput key={selectedBlockId} trace={outcome.trace} blockId={selectedBlockId} onClose={() => onSelectBlock(null)} />
        </aside>
      ) : null}
    </div>
  );
}
