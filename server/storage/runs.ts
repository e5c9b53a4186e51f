import { z } from "zod";
import { RunSource, StoredMarker } from "@/engine/contract/runs";
import type { EngineErrorData } from "@/engine/errors";
import type { DocumentKind } from "@/engine/model";
import { cappedJson, safeStringify } from "./capped-json";
import { parseJsonColumn, readDocument } from "./document";
import type { RunRow } from "./hot-path";

export type { RunRow };

/**
 * The Run table: a run's documents (input, output, error, trace, logs) are stored as capped
 * JSON text, one column each, and read back together as one stored run document whose
 * version is the `schemaVersion` column. Runs are written in batches by the run writer
 * (server/runtime/run-writer.ts) through a run store (run-store.ts: its own thread on SQLite).
 */

// The wire contract names a run's source and the cap marker; storage stores the same values.
export { RunSource };

/** Stored documents are capped: a run's record must never be larger than the run was useful. */
const STORED_CAPS = { input: 64 * 1024, output: 256 * 1024, trace: 512 * 1024, logs: 256 * 1024 };

/** What a document over its cap is stored as. */
export const TruncatedDocument = StoredMarker;
export type TruncatedDocument = StoredMarker;

/** The documents of a stored run, in their current shape (version 1: today's). */
export const StoredRunDocument = z.object({
  input: z.unknown(),
  /** null when the run failed. */
  output: z.unknown(),
  /** EngineErrorData when the run failed; the engine's error catalogue owns its fields. */
  error: z.union([TruncatedDocument, z.looseObject({ code: z.string(), message: z.string() })]).nullable(),
  trace: z.union([z.array(z.unknown()), TruncatedDocument]),
  logs: z.array(z.unknown()),
});
export type StoredRunDocument = z.infer<typeof StoredRunDocument>;

export const RUN_SCHEMA_VERSION = 1;

/** Stored runs as a document kind. Version 1 is the first shape, so there is no step yet. */
export const storedRunKind: DocumentKind<StoredRunDocument> = {
  kind: "run",
  currentVersion: RUN_SCHEMA_VERSION,
  migrations: [],
  schema: StoredRunDocument,
};

/**
 * Log lines are dropped from the end first, with a note of how many. Never throws: lines
 * JSON cannot write (capped-json.ts) are replaced by a note.
 */
function cappedLogs(logs: unknown[], cap: number): string {
  const unreadable = () => JSON.stringify([{ level: "warn", message: `${logs.length} log lines could not be stored`, t: 0 }]);
  let json = safeStringify(logs);
  if (json === null) return unreadable();
  if (json.length <= cap) return json;
  let keep = logs.length;
  while (keep > 0 && json !== null && json.length > cap) {
    keep = Math.floor(keep / 2);
    json = safeStringify([...logs.slice(0, keep), { level: "warn", message: `${logs.length - keep} more log lines not stored`, t: 0 }]);
  }
  return json ?? unreadable();
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
  /** Who ran it (null: no one signed in), and for page calls the page and the event that triggered it. */
  userId?: string | null;
  userEmail?: string | null;
  pageId?: string | null;
  trigger?: string | null;
}

/** The stored row of a run: documents serialised, capped and stamped with their version. Never throws (capped-json.ts). */
export function runRow(run: RecordRunInput, id: string): RunRow {
  return {
    id,
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
    startedAt: new Date(),
    schemaVersion: RUN_SCHEMA_VERSION,
    userId: run.userId ?? null,
    userEmail: run.userEmail ?? null,
    pageId: run.pageId ?? null,
    trigger: run.trigger ?? null,
  };
}

type StoredRunColumns = Pick<RunRow, "id" | "input" | "output" | "error" | "trace" | "logs" | "schemaVersion">;

/** A stored run's documents, migrated and validated; one that fails is a StoredDocumentError. */
export function readRunDocuments(row: StoredRunColumns): StoredRunDocument {
  const where = `run ${row.id}`;
  const column = (name: string, text: string) => parseJsonColumn(storedRunKind.kind, `${where} (${name})`, text);
  const doc = {
    input: column("input", row.input),
    output: row.output === null ? null : column("output", row.output),
    error: row.error === null ? null : column("error", row.error),
    trace: column("trace", row.trace),
    logs: column("logs", row.logs),
  };
  return readDocument(storedRunKind, doc, row.schemaVersion, where);
}
