import { z } from "zod";
import type { CurrentUser, FrozenCurrentUser } from "../contract/current-user";
import { EngineErrorData } from "../errors";
import { Block } from "../model";
import type { LogEntry } from "../sandbox/types";
import type { RunBudget } from "./run-budget";

/** A size-capped view of a block's JSON output, for the trace panel. */
export const OutputPreview = z.object({
  /** The JSON text, cut at the preview cap when `truncated`. */
  json: z.string(),
  /** Size of the whole JSON text, in UTF-16 code units (≈ bytes for ASCII). */
  size: z.number(),
  truncated: z.boolean(),
});
export type OutputPreview = z.infer<typeof OutputPreview>;

export const TraceStatus = z.enum(["ok", "error", "skipped"]);
export type TraceStatus = z.infer<typeof TraceStatus>;

/** The block types, read off the block schema so a new type is a trace type too. */
export const BlockTypeName = z.enum(Block.options.map((o) => o.shape.type.value));

/** One console line of a block attempt (the sandbox's `LogEntry`). */
export const BlockLog = z.object({
  level: z.enum(["log", "info", "warn", "error"]),
  /** The arguments, formatted as one line (objects as JSON). */
  message: z.string(),
  /** Milliseconds since the block attempt started. */
  t: z.number(),
});
// The sandbox declares the same line as a TypeScript interface; this fails to compile if they drift.
const sameLogShape: z.ZodType<LogEntry, z.infer<typeof BlockLog>> = BlockLog;
void sameLogShape;

export const TraceEntry = z.object({
  blockId: z.string(),
  blockName: z.string(),
  type: BlockTypeName,
  status: TraceStatus,
  /** Milliseconds from the start of the run. */
  startedAt: z.number(),
  durationMs: z.number(),
  /** 0 for a skipped block; more than 1 when retries ran. */
  attempts: z.number(),
  output: OutputPreview.optional(),
  error: EngineErrorData.optional(),
  /** The port that fired (`next`, `error`, a case id, `else`). */
  port: z.string().optional(),
  logs: z.array(BlockLog),
  logsTruncated: z.boolean().optional(),
  /** Inside a loop body: the (innermost) iteration, from 0. */
  iteration: z.number().optional(),
  /** Started, but the run ended (a return, a failure elsewhere, a timeout) before it finished. */
  cancelled: z.boolean().optional(),
});
export type TraceEntry = z.infer<typeof TraceEntry>;

/** One console line of the run, in time order. */
export const RunLog = z.object({
  block: z.string(),
  level: BlockLog.shape.level,
  message: z.string(),
  /** Milliseconds from the start of the run. */
  t: z.number(),
  iteration: z.number().optional(),
});
export type RunLog = z.infer<typeof RunLog>;

export const RunOutcome = z.object({
  status: z.enum(["ok", "error"]),
  result: z.unknown().optional(),
  error: EngineErrorData.optional(),
  trace: z.array(TraceEntry),
  logs: z.array(RunLog),
  durationMs: z.number(),
  /** Block executions past the trace's cap (MAX_TRACE_ENTRIES), not in `trace`; absent when none. */
  traceOmitted: z.number().optional(),
});
export type RunOutcome = z.infer<typeof RunOutcome>;

export interface RunOptions {
  /** Nesting of call-function blocks; 0 for a call from outside. */
  depth?: number;
  /** The id of the function being run; nested runs get their callee's id. */
  functionId?: string;
  /**
   * Who the run is for, set by the server from the session (never from the request): in scope
   * as `currentUser`, a frozen copy; `null` (the default) when no one is signed in. Nested
   * runs get the same.
   */
  currentUser?: CurrentUser | FrozenCurrentUser | null;
  /** Set by a call-function block for the run it starts: the caller's budget, which the callee shares. */
  parentBudget?: RunBudget;
}

/** What one block execution came to, as the scheduler sees it. */
export type BlockOutcome =
  | {
      ok: true;
      data: unknown;
      port: string;
      returned: boolean;
      metadata: Record<string, unknown> | null;
      /** Bytes of `data` as JSON (UTF-16 code units when small), known from the output check. */
      size?: number;
    }
  | { ok: false; error: EngineErrorData; fatal: boolean };

/** What running one region came to. */
export type RegionOutcome =
  | { kind: "completed"; last: { blockId: string; data: unknown; size?: number } | null }
  | { kind: "returned"; blockId: string; value: unknown; size?: number }
  | { kind: "failed"; blockId: string; error: EngineErrorData; fatal: boolean };
