"use client";

import { useState } from "react";
import type { RunLog, TraceEntry } from "@/engine/interpreter/types";
import { formatMs } from "./format";
import { blockIdOf, blockNameOf, filterLogs, levelClass } from "./logs";

const LINE_PAGE = 500;

export function LogLine({ log, t, onBlock }: { log: Pick<RunLog, "level" | "message" | "block" | "iteration">; t: number; onBlock?: () => void }) {
  return (
    <li data-level={log.level} className={`flex gap-2 px-2 py-0.5 font-mono text-xs ${levelClass(log.level)}`}>
      <span className="w-14 shrink-0 text-right tabular-nums text-slate-400">{formatMs(t)}</span>
      <span className="w-10 shrink-0 uppercase">{log.level}</span>
      {log.block !== "" ? (
        <span className="w-32 shrink-0 truncate" title={log.block}>
          {onBlock ? (
            <button type="button" className="text-slate-600 hover:text-indigo-700 hover:underline" onClick={onBlock}>
              {log.block}
            </button>
          ) : (
            <span className="text-slate-600">{log.block}</span>
          )}
          {log.iteration !== undefined ? <span className="ml-1 text-slate-400">#{log.iteration}</span> : null}
        </span>
      ) : null}
      <span className="min-w-0 flex-1 whitespace-pre-wrap break-all">{log.message}</span>
    </li>
  );
}

/** All of a run's console lines in time order; only the selected block's while one is selected (a checkbox widens it). */
export function LogsView({
  logs,
  trace,
  selectedBlockId,
  onSelectBlock,
}: {
  logs: readonly RunLog[];
  trace: readonly TraceEntry[];
  selectedBlockId: string | null;
  onSelectBlock?: (blockId: string | null) => void;
}) {
  const [onlySelected, setOnlySelected] = useState(true);
  const [limit, setLimit] = useState(LINE_PAGE);
  const selectedName = blockNameOf(trace, selectedBlockId);
  const filtering = selectedName !== null && onlySelected;
  const shown = filterLogs(logs, filtering ? selectedName : null);
  return (
    <div data-testid="run-logs">
      {selectedName !== null ? (
        <label className="flex items-center gap-2 px-2 pb-1 text-xs text-slate-600">
          <input type="checkbox" checked={onlySelected} onChange={(e) => setOnlySelected(e.target.checked)} />
          Only <span className="font-mono">{selectedName}</span>
        </label>
      ) : null}
      {shown.length === 0 ? (
        <p className="px-2 py-1 text-sm text-slate-500">{filtering ? `No logs from ${selectedName}.` : "No logs. Use console.log in code blocks."}</p>
      ) : (
        <ul>
          {shown.slice(0, limit).map((l, i) => {
            const id = blockIdOf(trace, l.block);
            return <LogLine key={i} log={l} t={l.t} onBlock={id && onSelectBlock ? () => onSelectBlock(id) : undefined} />;
          })}
        </ul>
      )}
      {shown.length > limit ? (
        <button type="button" className="mt-1 px-2 text-xs text-indigo-600 hover:underline" onClick={() => setLimit((n) => n + LINE_PAGE)}>
          Show {Math.min(LINE_PAGE, shown.length - limit)} more lines ({shown.length - limit} not shown)
        </button>
      ) : null}
    </div>
  );
}
