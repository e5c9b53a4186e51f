import { z } from "zod";
import type { EngineErrorData } from "@/engine/errors";
import type { Db } from "../db/client";
import { parseInput } from "./errors";

export const RunSource = z.enum(["test", "app", "api"]);
export type RunSource = z.infer<typeof RunSource>;

/** Stored documents are capped: a run's record must never be larger than the run was useful. */
export const STORED_CAPS = { input: 64 * 1024, output: 256 * 1024, trace: 512 * 1024, logs: 256 * 1024 };

/** JSON text, or a small marker document when it is over the cap. */
export function cappedJson(value: unknown, cap: number): string {
  const json = JSON.stringify(value ?? null);
  if (json.length <= cap) return json;
  return JSON.stringify({ truncated: true, size: json.length, preview: json.slice(0, Math.min(cap, 4096)) });
}

/** Log lines are dropped from the end first, with a note of how many. */
function cappedLogs(logs: unknown[], cap: number): string {
  let json = JSON.stringify(logs);
  if (json.length <= cap) return json;
  let keep = logs.length;
  while (keep > 0 && json.length > cap) {
    keep = Math.floor(keep / 2);
    json = JSON.stringify([...logs.slice(0, keep), { level: "warn", message: `${logs.length - keep} more log lines not stored`, t: 0 }]);
  }
  return json;
}

export interface RecordRunInput {
  functionId: string;
  appId: string;
  functionVersion: number | null;
  source: RunSource;
  input: unknown;
  status: "ok" | "error";
  result?: unknown;
  error?: EngineErrorData;
  trace: unknown[];
  logs: unknown[];
  durationMs: number;
}

/** The stored row of a run: documents serialised and capped. */
export function runRow(run: RecordRunInput, id?: string) {
  return {
    ...(id ? { id } : {}),
    functionId: run.functionId,
    appId: run.appId,
    functionVersion: run.functionVersion,
    source: run.source,
    status: run.status,
    input: cappedJson(run.input, STORED_CAPS.input),
    output: run.status === "ok" ? cappedJson(run.result, STORED_CAPS.output) : null,
    error: run.error ? cappedJson(run.error, STORED_CAPS.output) : null,
    errorCode: run.error?.code ?? null,
    trace: cappedJson(run.trace, STORED_CAPS.trace),
    logs: cappedLogs(run.logs, STORED_CAPS.logs),
    durationMs: Math.max(0, Math.round(run.durationMs)),
  };
}

export async function recordRun(db: Db, run: RecordRunInput): Promise<string> {
  const row = await db.run.create({ data: runRow(run), select: { id: true } });
  return row.id;
}

export const ListRunsQuery = z.object({
  status: z.enum(["ok", "error"]).optional(),
  source: RunSource.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Runs started before this run id's start, for paging. */
  before: z.string().min(1).optional(),
});

export async function listRuns(db: Db, functionId: string, query: unknown) {
  const q = parseInput(ListRunsQuery, query);
  const before = q.before ? await db.run.findUnique({ where: { id: q.before }, select: { startedAt: true } }) : null;
  const rows = await db.run.findMany({
    where: {
      functionId,
      ...(q.status ? { status: q.status } : {}),
      ...(q.source ? { source: q.source } : {}),
      ...(before ? { startedAt: { lt: before.startedAt } } : {}),
    },
    orderBy: { startedAt: "desc" },
    take: q.limit,
    select: { id: true, status: true, source: true, errorCode: true, durationMs: true, startedAt: true, functionVersion: true },
  });
  return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString() }));
}

export async function getRun(db: Db, functionId: string, runId: string) {
  const r = await db.run.findFirst({ where: { id: runId, functionId } });
  if (!r) return null;
  return {
    id: r.id,
    functionId: r.functionId,
    functionVersion: r.functionVersion,
    status: r.status,
    source: r.source,
    input: JSON.parse(r.input) as unknown,
    output: r.output === null ? null : (JSON.parse(r.output) as unknown),
    error: r.error === null ? null : (JSON.parse(r.error) as unknown),
    trace: JSON.parse(r.trace) as unknown,
    logs: JSON.parse(r.logs) as unknown,
    durationMs: r.durationMs,
    startedAt: r.startedAt.toISOString(),
  };
}
