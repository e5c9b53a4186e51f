import { isErrorCode, type EngineErrorData } from "@/engine/errors/codes";
import type { RunLog, RunOutcome, TraceEntry } from "@/engine/interpreter/types";
import { formatSize, isRecord } from "./format";

export type RunStatus = "ok" | "error";
export type RunSourceName = "test" | "app" | "api";
export const RUN_SOURCES: readonly RunSourceName[] = ["test", "app", "api"];

/** One row of `GET /api/functions/<id>/runs`. */
export interface RunSummary {
  id: string;
  status: RunStatus;
  source: RunSourceName;
  errorCode: string | null;
  durationMs: number;
  startedAt: string;
  functionVersion: number | null;
}

/** A stored run (`GET /api/functions/<id>/runs/<runId>`) as the run views read it. */
export interface StoredRunView {
  id: string;
  source: RunSourceName;
  startedAt: string;
  functionVersion: number | null;
  input: unknown;
  outcome: RunOutcome;
  /** What storage cut (documents over their caps), for a note above the details. */
  notes: string[];
}

export interface RunFilters {
  status: RunStatus | "";
  source: RunSourceName | "";
}

export const HISTORY_PAGE_SIZE = 50;

/** The history list URL for one page of runs. */
export function runsUrl(fnId: string, filters: RunFilters, before?: string, limit: number = HISTORY_PAGE_SIZE): string {
  const q = new URLSearchParams();
  if (filters.status) q.set("status", filters.status);
  if (filters.source) q.set("source", filters.source);
  q.set("limit", String(limit));
  if (before) q.set("before", before);
  return `/api/functions/${encodeURIComponent(fnId)}/runs?${q.toString()}`;
}

export function runUrl(fnId: string, runId: string): string {
  return `/api/functions/${encodeURIComponent(fnId)}/runs/${encodeURIComponent(runId)}`;
}

function isStatus(v: unknown): v is RunStatus {
  return v === "ok" || v === "error";
}

function isSource(v: unknown): v is RunSourceName {
  return v === "test" || v === "app" || v === "api";
}

/** The rows of a history answer; malformed rows are dropped rather than crashing the list. */
export function parseRunSummaries(body: unknown): RunSummary[] {
  const runs = isRecord(body) && Array.isArray(body.runs) ? body.runs : [];
  const out: RunSummary[] = [];
  for (const r of runs) {
    if (!isRecord(r) || typeof r.id !== "string" || !isStatus(r.status) || typeof r.startedAt !== "string") continue;
    out.push({
      id: r.id,
      status: r.status,
      source: isSource(r.source) ? r.source : "app",
      errorCode: typeof r.errorCode === "string" ? r.errorCode : null,
      durationMs: typeof r.durationMs === "number" ? r.durationMs : 0,
      startedAt: r.startedAt,
      functionVersion: typeof r.functionVersion === "number" ? r.functionVersion : null,
    });
  }
  return out;
}

/** Storage's stand-in for a document over its cap: `{ truncated: true, size, preview }`. */
export function isStoredMarker(v: unknown): v is { truncated: true; size: number; preview: string } {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 3 && v.truncated === true && typeof v.size === "number" && typeof v.preview === "string";
}

export function readErrorData(v: unknown): EngineErrorData | undefined {
  if (!isRecord(v) || typeof v.message !== "string") return undefined;
  const out: EngineErrorData = {
    code: isErrorCode(v.code) ? v.code : "INTERNAL",
    message: v.message,
    status: typeof v.status === "number" ? v.status : 500,
  };
  if (typeof v.block === "string") out.block = v.block;
  if (v.data !== undefined) out.data = v.data;
  return out;
}

const TRACE_STATUSES = new Set(["ok", "error", "skipped"]);

function toTraceEntry(v: unknown): TraceEntry | null {
  if (!isRecord(v)) return null;
  if (typeof v.blockId !== "string" || typeof v.blockName !== "string" || typeof v.type !== "string") return null;
  if (!TRACE_STATUSES.has(String(v.status)) || typeof v.startedAt !== "number" || typeof v.durationMs !== "number") return null;
  // The engine wrote this document from a TraceEntry; the fields the views rely on are checked above.
  const entry = { ...v } as unknown as TraceEntry;
  entry.logs = Array.isArray(v.logs) ? entry.logs : [];
  entry.attempts = typeof v.attempts === "number" ? v.attempts : 0;
  entry.error = readErrorData(v.error);
  return entry;
}

function toRunLog(v: unknown): RunLog | null {
  if (!isRecord(v) || typeof v.message !== "string") return null;
  const level = v.level === "info" || v.level === "warn" || v.level === "error" ? v.level : "log";
  const log: RunLog = { block: typeof v.block === "string" ? v.block : "", level, message: v.message, t: typeof v.t === "number" ? v.t : 0 };
  if (typeof v.iteration === "number") log.iteration = v.iteration;
  return log;
}

/** A stored run's detail, checked field by field: capped documents become notes, not crashes. */
export function storedRunView(raw: unknown): StoredRunView {
  const r = isRecord(raw) ? raw : {};
  const notes: string[] = [];
  const status: RunStatus = isStatus(r.status) ? r.status : "error";

  let trace: TraceEntry[] = [];
  if (Array.isArray(r.trace)) trace = r.trace.map(toTraceEntry).filter((e): e is TraceEntry => e !== null);
  else if (isStoredMarker(r.trace)) notes.push(`The trace (${formatSize(r.trace.size)}) was too large to store.`);

  const logs = Array.isArray(r.logs) ? r.logs.map(toRunLog).filter((l): l is RunLog => l !== null) : [];

  let input = r.input;
  if (isStoredMarker(input)) {
    notes.push(`The input (${formatSize(input.size)}) was too large to store; its start is shown as text.`);
    input = input.preview;
  }

  const outcome: RunOutcome = { status, trace, logs, durationMs: typeof r.durationMs === "number" ? r.durationMs : 0 };
  if (status === "ok") {
    if (isStoredMarker(r.output)) {
      notes.push(`The result (${formatSize(r.output.size)}) was too large to store; its start is shown as text.`);
      outcome.result = r.output.preview;
    } else outcome.result = r.output ?? null;
  } else {
    outcome.error = readErrorData(r.error) ?? { code: "INTERNAL", message: "The run failed (no error stored)", status: 500 };
  }

  return {
    id: typeof r.id === "string" ? r.id : "",
    source: isSource(r.source) ? r.source : "app",
    startedAt: typeof r.startedAt === "string" ? r.startedAt : "",
    functionVersion: typeof r.functionVersion === "number" ? r.functionVersion : null,
    input,
    outcome,
    notes,
  };
}
