"use client";

import { useEffect, useState } from "react";
import { relativeTime } from "../../ui/relative-time";
import { formatMs } from "./format";
import { RunDetails } from "./run-details";
import { RUN_SOURCES, whereFrom, whoRan, type RunFilters, type RunSourceName, type RunSummary, type StoredRunView } from "./stored-run";
import { useRunDetail, useRunHistory } from "./use-run-history";

const SOURCE_CLASS: Record<RunSourceName, string> = {
  test: "bg-indigo-50 text-indigo-700",
  app: "bg-sky-50 text-sky-700",
  api: "bg-violet-50 text-violet-700",
};

const SELECT_CLASS = "rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs outline-none focus:border-indigo-500";

function RunRow({ run, now, selected, onOpen }: { run: RunSummary; now: number; selected: boolean; onOpen: () => void }) {
  const from = whereFrom(run);
  return (
    <li data-run-id={run.id} data-status={run.status} data-source={run.source} data-user-email={run.userEmail ?? ""} data-trigger={run.trigger ?? ""}>
      <button
        type="button"
        aria-pressed={selected}
        onClick={onOpen}
        className={`flex w-full flex-wrap items-center gap-x-2 px-3 py-1.5 text-left text-xs ${selected ? "bg-indigo-50" : "hover:bg-slate-100"}`}
      >
        <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${run.status === "ok" ? "bg-emerald-500" : "bg-red-500"}`} />
        <span className="sr-only">{run.status === "ok" ? "Succeeded" : "Failed"}</span>
        <span className={`w-9 shrink-0 rounded px-1 text-center font-medium ${SOURCE_CLASS[run.source]}`}>{run.source}</span>
        <span className={`min-w-0 flex-1 truncate font-mono ${run.errorCode ? "text-red-700" : "text-slate-500"}`}>{run.errorCode ?? "ok"}</span>
        <span className="w-14 shrink-0 text-right tabular-nums text-slate-600">{formatMs(run.durationMs)}</span>
        <span className="w-20 shrink-0 text-right text-slate-500" title={new Date(run.startedAt).toLocaleString()}>
          {relativeTime(run.startedAt, now)}
        </span>
        <span className="flex w-full min-w-0 gap-2 pl-4 text-[11px] text-slate-500">
          <span className="truncate" data-testid="run-user" title="Who ran it">{whoRan(run.userEmail)}</span>
          {from ? <span className="ml-auto truncate font-mono" data-testid="run-origin" title="Page and the event that triggered the call">{from}</span> : null}
        </span>
      </button>
    </li>
  );
}

function StoredRun({ run }: { run: StoredRunView }) {
  const [selectedBlockId, setSelectedBlockId] = useState<string | null>(null);
  return (
    <div data-testid="history-run" data-run-id={run.id}>
      <p className="mb-2 flex flex-wrap gap-x-3 text-xs text-slate-500">
        <span className="font-mono">{run.id}</span>
        <span>{run.source}</span>
        <span>{run.startedAt ? new Date(run.startedAt).toLocaleString() : ""}</span>
        <span>{run.functionVersion === null ? "draft" : `version ${run.functionVersion}`}</span>
        <span>by {whoRan(run.userEmail)}</span>
        {run.trigger ? <span className="font-mono">{run.trigger}</span> : null}
      </p>
      <RunDetails outcome={run.outcome} input={run.input} notes={run.notes} selectedBlockId={selectedBlockId} onSelectBlock={setSelectedBlockId} />
    </div>
  );
}

/** Past runs of a function (Test, app and API), newest first, with filters, paging and each run's details. */
export function HistoryPanel({ fnId, refreshKey }: { fnId: string; refreshKey?: unknown }) {
  const [filters, setFilters] = useState<RunFilters>({ status: "", source: "", user: "" });
  const [openId, setOpenId] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const history = useRunHistory(fnId, filters, refreshKey);
  const detail = useRunDetail(fnId, openId);

  const [forFn, setForFn] = useState(fnId);
  if (forFn !== fnId) {
    setForFn(fnId);
    setOpenId(null);
  }

  // Relative times move on: refresh them with each list and every half minute.
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [history.runs]);

  return (
    <div data-testid="history-panel" className="flex h-full min-h-0">
      <div className="flex w-96 shrink-0 flex-col border-r border-slate-200">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 text-xs text-slate-600">
          <label className="flex items-center gap-1">
            Status
            <select
              aria-label="Filter by status"
              className={SELECT_CLASS}
              value={filters.status}
              onChange={(e) => {
                const v = e.target.value;
                setFilters((f) => ({ ...f, status: v === "ok" || v === "error" ? v : "" }));
              }}
            >
              <option value="">All</option>
              <option value="ok">Succeeded</option>
              <option value="error">Failed</option>
            </select>
          </label>
          <label className="flex items-center gap-1">
            Source
            <select
              aria-label="Filter by source"
              className={SELECT_CLASS}
              value={filters.source}
              onChange={(e) => setFilters((f) => ({ ...f, source: RUN_SOURCES.find((s) => s === e.target.value) ?? "" }))}
            >
              <option value="">All</option>
              <option value="test">Test</option>
              <option value="app">App</option>
              <option value="api">API</option>
            </select>
          </label>
          <label className="flex min-w-0 items-center gap-1">
            Person
            <select
              aria-label="Filter by person"
              className={`${SELECT_CLASS} max-w-36`}
              value={filters.user}
              onChange={(e) => setFilters((f) => ({ ...f, user: e.target.value }))}
            >
              <option value="">Everyone</option>
              {history.people.map((p) => (
                <option key={p.id} value={p.id}>{p.email}</option>
              ))}
              {filters.user && !history.people.some((p) => p.id === filters.user) ? <option value={filters.user}>{filters.user}</option> : null}
            </select>
          </label>
          {history.loading ? <span className="ml-auto text-slate-400">Loading…</span> : null}
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          {history.error ? (
            <p role="alert" className="px-3 py-2 text-sm text-red-600">
              {history.error}
            </p>
          ) : null}
          {history.runs.length === 0 && !history.loading && !history.error ? (
            <p className="px-3 py-2 text-sm text-slate-500">
              {filters.status || filters.source || filters.user ? "No runs match these filters." : "No runs yet. Press Test to run this function."}
            </p>
          ) : null}
          <ul aria-label="Runs">
            {history.runs.map((r) => (
              <RunRow key={r.id} run={r} now={now} selected={r.id === openId} onOpen={() => setOpenId(r.id)} />
            ))}
          </ul>
          {history.hasMore ? (
            <button type="button" disabled={history.loading} className="w-full px-3 py-2 text-xs text-indigo-600 hover:bg-slate-100 disabled:text-slate-400" onClick={history.loadMore}>
              Load more
            </button>
          ) : null}
        </div>
      </div>
      <div className="min-w-0 flex-1 overflow-auto p-3">
        {detail.status === "idle" ? <p className="text-sm text-slate-500">Select a run to see its input, result, timeline and logs.</p> : null}
        {detail.status === "loading" ? <p className="text-sm text-slate-500">Loading run…</p> : null}
        {detail.status === "error" ? (
          <p role="alert" className="text-sm text-red-600">
            {detail.message}
          </p>
        ) : null}
        {detail.status === "ready" ? <StoredRun key={detail.run.id} run={detail.run} /> : null}
      </div>
    </div>
  );
}
