"use client";

import { useState } from "react";
import type { TraceEntry } from "@/engine/interpreter/types";
import { formatMs } from "./format";
import { barGeometry, displayStatus, timelineTotal } from "./geometry";
import { STATUS_BAR_CLASS, STATUS_BAR_STYLE } from "./status-style";

/** Rows rendered at a time; loops can trace thousands of block executions. */
const ROW_PAGE = 200;

/**
 * One row per trace entry: block name (and loop iteration), a bar placed by start and
 * duration on the run's scale, coloured by status, retries and duration. Rows carry
 * `data-block-name`, `data-block-id`, `data-status` (the entry's status: ok, error, skipped)
 * and `data-cancelled` when the run ended while the block ran.
 */
export function Timeline({
  trace,
  totalMs,
  onSelectBlock,
  selectedBlockId = null,
}: {
  trace: readonly TraceEntry[];
  totalMs: number;
  onSelectBlock?: (blockId: string) => void;
  selectedBlockId?: string | null;
}) {
  const [limit, setLimit] = useState(ROW_PAGE);
  if (trace.length === 0) return <p className="p-3 text-sm text-slate-500">No blocks ran.</p>;
  const total = timelineTotal(trace, totalMs);
  return (
    <div data-testid="timeline" className="text-xs">
      <div className="flex items-center gap-2 px-2 pb-1 text-slate-400" aria-hidden>
        <span className="w-44 shrink-0" />
        <span className="flex flex-1 justify-between">
          <span>0</span>
          <span>{formatMs(total / 2)}</span>
          <span>{formatMs(total)}</span>
        </span>
        <span className="w-24 shrink-0" />
      </div>
      <ul>
        {trace.slice(0, limit).map((e, i) => {
          const status = displayStatus(e);
          const g = barGeometry(e, total);
          const selected = e.blockId === selectedBlockId;
          return (
            <li
              key={`${e.blockId}:${e.iteration ?? ""}:${i}`}
              data-block-name={e.blockName}
              data-block-id={e.blockId}
              data-status={e.status}
              data-cancelled={e.cancelled ? "true" : undefined}
              data-iteration={e.iteration}
            >
              <button
                type="button"
                aria-pressed={selected}
                onClick={() => onSelectBlock?.(e.blockId)}
                className={`flex w-full items-center gap-2 rounded px-2 py-0.5 text-left ${selected ? "bg-indigo-50 ring-1 ring-inset ring-indigo-300" : "hover:bg-slate-100"}`}
              >
                <span className="w-44 shrink-0 truncate font-mono text-slate-800" title={e.blockName}>
                  {e.blockName}
                  {e.iteration !== undefined ? <span className="ml-1 text-slate-400">#{e.iteration}</span> : null}
                </span>
                <span className="relative h-3 flex-1 rounded-sm bg-slate-100">
                  <span
                    className={`absolute inset-y-0 rounded-sm ${STATUS_BAR_CLASS[status]}`}
                    style={{ left: `${g.left}%`, width: `${g.width}%`, ...STATUS_BAR_STYLE[status] }}
                    title={`${e.blockName}: ${status}, starts at ${formatMs(e.startedAt)}, ${formatMs(e.durationMs)}`}
                  />
                </span>
                <span className="flex w-24 shrink-0 items-center justify-end gap-1 tabular-nums text-slate-600">
                  {e.attempts > 1 ? (
                    <span className="rounded bg-amber-100 px-1 text-amber-800" title={`${e.attempts} attempts`}>
                      ×{e.attempts}
                    </span>
                  ) : null}
                  <span className="sr-only">{status}</span>
                  {status === "skipped" ? <span className="text-slate-400">skipped</span> : formatMs(e.durationMs)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {trace.length > limit ? (
        <button type="button" className="mt-1 px-2 text-indigo-600 hover:underline" onClick={() => setLimit((l) => l + ROW_PAGE)}>
          Show {Math.min(ROW_PAGE, trace.length - limit)} more ({trace.length - limit} not shown)
        </button>
      ) : null}
    </div>
  );
}
