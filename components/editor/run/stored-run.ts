import { RunListResponse, RunSource, StoredMarker, readStoredRun, type RunPerson, type RunStatus, type RunSummary } from "@/engine/contract/runs";
import type { RunOutcome, TraceEntry } from "@/engine/interpreter/types";
import { formatSize } from "./format";

export type { RunPerson, RunStatus, RunSummary };
export type RunSourceName = RunSource;
export const RUN_SOURCES: readonly RunSourceName[] = RunSource.options;

/** A stored run (`GET /api/functions/<id>/runs/<runId>`) as the run views read it. */
export interface StoredRunView {
  id: string;
  source: RunSourceName;
  startedAt: string;
  functionVersion: number | null;
  /** Who ran it, from which page and event; null when unknown. */
  userEmail: string | null;
  pageId: string | null;
  trigger: string | null;
  input: unknown;
  outcome: RunOutcome;
  /** What storage cut (documents over their caps), for a note above the details. */
  notes: string[];
}

export interface RunFilters {
  status: RunStatus | "";
  source: RunSourceName | "";
  /** A person's id: only their runs. */
  user?: string;
}

export const HISTORY_PAGE_SIZE = 50;

/** The history list URL for one page of runs. */
export function runsUrl(fnId: string, filters: RunFilters, before?: string, limit: number = HISTORY_PAGE_SIZE): string {
  const q = new URLSearchParams();
  if (filters.status) q.set("status", filters.status);
  if (filters.source) q.set("source", filters.source);
  if (filters.user) q.set("user", filters.user);
  q.set("limit", String(limit));
  if (before) q.set("before", before);
  return `/api/functions/${encodeURIComponent(fnId)}/runs?${q.toString()}`;
}

export function runUrl(fnId: string, runId: string): string {
  return `/api/functions/${encodeURIComponent(fnId)}/runs/${encodeURIComponent(runId)}`;
}

/** The rows of a history answer; malformed rows are dropped rather than crashing the list. */
export function parseRunSummaries(body: unknown): RunSummary[] {
  const parsed = RunListResponse.safeParse(body);
  return parsed.success ? parsed.data.runs : [];
}

/** Who ran a run, as the Logs tab shows it: their email, or a dash when no one is known. */
export function whoRan(userEmail: string | null): string {
  return userEmail ?? "—";
}

/** Where a run came from, for the Logs tab: the page (name, else id) and the event, when a page made the call. */
export function whereFrom(run: Pick<RunSummary, "pageId" | "pageName" | "trigger">): string {
  const page = run.pageName ?? run.pageId;
  return [page, run.trigger].filter((p): p is string => Boolean(p)).join(" · ");
}

/** Storage's stand-in for a document over its cap: `{ truncated: true, size, preview }`. */
export function isStoredMarker(v: unknown): v is StoredMarker {
  return StoredMarker.safeParse(v).success;
}

/** A stored run's detail, parsed with the contract's lenient `StoredRun`: capped documents become notes, not crashes. */
export function storedRunView(raw: unknown): StoredRunView {
  const r = readStoredRun(raw);
  const notes: string[] = [];

  let trace: TraceEntry[] = [];
  if (isStoredMarker(r.trace)) notes.push(`The trace (${formatSize(r.trace.size)}) was too large to store.`);
  else trace = r.trace;

  let input = r.input;
  if (isStoredMarker(input)) {
    notes.push(`The input (${formatSize(input.size)}) was too large to store; its start is shown as text.`);
    input = input.preview;
  }

  const outcome: RunOutcome = { status: r.status, trace, logs: r.logs, durationMs: r.durationMs };
  if (r.status === "ok") {
    if (isStoredMarker(r.output)) {
      notes.push(`The result (${formatSize(r.output.size)}) was too large to store; its start is shown as text.`);
      outcome.result = r.output.preview;
    } else outcome.result = r.output ?? null;
  } else {
    outcome.error = r.error ?? { code: "INTERNAL", message: "The run failed (no error stored)", status: 500 };
  }

  return {
    id: r.id,
    source: r.source,
    startedAt: r.startedAt,
    functionVersion: r.functionVersion,
    userEmail: r.userEmail,
    pageId: r.pageId,
    trigger: r.trigger,
    input,
    outcome,
    notes,
  };
}
