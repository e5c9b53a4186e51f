import type { EngineErrorData } from "../errors";
import type { BlockType } from "../model";
import type { LogEntry, LogLevel } from "../sandbox/types";

/** A size-capped view of a block's JSON output, for the trace panel. */
export interface OutputPreview {
  /** The JSON text, cut at the preview cap when `truncated`. */
  json: string;
  /** Size of the whole JSON text, in UTF-16 code units (≈ bytes for ASCII). */
  size: number;
  truncated: boolean;
}

export type TraceStatus = "ok" | "error" | "skipped";

export interface TraceEntry {
  blockId: string;
  blockName: string;
  type: BlockType;
  status: TraceStatus;
  /** Milliseconds from the start of the run. */
  startedAt: number;
  durationMs: number;
  /** 0 for a skipped block; more than 1 when retries ran. */
  attempts: number;
  output?: OutputPreview;
  error?: EngineErrorData;
  /** The port that fired (`next`, `error`, a case id, `else`). */
  port?: string;
  logs: LogEntry[];
  logsTruncated?: boolean;
  /** Inside a loop body: the (innermost) iteration, from 0. */
  iteration?: number;
  /** Started, but the run ended (a return, a failure elsewhere, a timeout) before it finished. */
  cancelled?: boolean;
}

/** One console line of the run, in time order. */
export interface RunLog {
  block: string;
  level: LogLevel;
  message: string;
  /** Milliseconds from the start of the run. */
  t: number;
  iteration?: number;
}

export interface RunOutcome {
  status: "ok" | "error";
  result?: unknown;
  error?: EngineErrorData;
  trace: TraceEntry[];
  logs: RunLog[];
  durationMs: number;
}

export interface RunOptions {
  /** Nesting of call-function blocks; 0 for a call from outside. */
  depth?: number;
  /** The id of the function being run; nested runs get their callee's id. */
  functionId?: string;
}

/** What one block execution came to, as the scheduler sees it. */
export type BlockOutcome =
  | { ok: true; data: unknown; port: string; returned: boolean; metadata: Record<string, unknown> | null }
  | { ok: false; error: EngineErrorData; fatal: boolean };

/** What running one region came to. */
export type RegionOutcome =
  | { kind: "completed"; last: { blockId: string; data: unknown } | null }
  | { kind: "returned"; blockId: string; value: unknown }
  | { kind: "failed"; blockId: string; error: EngineErrorData; fatal: boolean };
