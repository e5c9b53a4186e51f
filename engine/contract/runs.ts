import { z } from "zod";
import { EngineErrorData, ErrorCode } from "../errors/codes";
import { BlockLog, RunLog, RunOutcome, TraceEntry } from "../interpreter/types";
import { ARGUMENTS_TOO_DEEP_MESSAGE, argumentsDeeperThan } from "../params/argument-depth";
import { leniently } from "./common";
import { FunctionParams } from "./functions";

/** Runs: Test (`POST /api/functions/<fnId>/test`) and history (`…/runs[/<runId>]`). */

export const RunSource = z.enum(["test", "app", "api"]);
export type RunSource = z.infer<typeof RunSource>;
export const RunStatus = z.enum(["ok", "error"]);
export type RunStatus = z.infer<typeof RunStatus>;

export const RunParams = FunctionParams.extend({ runId: z.string().min(1) });

/** `?status=ok|error&source=test|app|api&user=<userId>&limit=&before=<runId>`. */
export const ListRunsQuery = z.object({
  status: RunStatus.optional(),
  source: RunSource.optional(),
  /** Only the runs this person made. */
  user: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Runs started before this run id's start, for paging. */
  before: z.string().min(1).optional(),
});
export type ListRunsQuery = z.infer<typeof ListRunsQuery>;

export const TestRunInput = z.object({
  /** The editor's current state, saved or not; checked by the service, which names the problem. */
  definition: z.unknown(),
  /** Parameters; the defaults fill what is missing. */
  input: z
    .record(z.string(), z.unknown())
    .refine((v) => !argumentsDeeperThan(v), ARGUMENTS_TOO_DEEP_MESSAGE)
    .default({}),
});
export type TestRunInput = z.infer<typeof TestRunInput>;

/** The Test answer: the run's id in history (null: the run could not be recorded) and its outcome. */
export const TestRunResponse = z.object({ runId: z.string().nullable(), outcome: RunOutcome });
export type TestRunResponse = z.infer<typeof TestRunResponse>;

/** One row of the history list; a row a newer server extends still reads. */
export const RunSummary = z.object({
  id: z.string(),
  status: RunStatus,
  source: RunSource.catch("app"),
  errorCode: z.string().nullable().catch(null),
  durationMs: z.number().catch(0),
  startedAt: z.string(),
  functionVersion: z.number().int().nullable().catch(null),
  /** Who ran it (null: unknown, e.g. a run from before sign-in). */
  userId: z.string().nullable().catch(null),
  userEmail: z.string().nullable().catch(null),
  /** For calls from a page: the page (its name while it exists) and the event that triggered the call. */
  pageId: z.string().nullable().catch(null),
  pageName: z.string().nullable().catch(null),
  trigger: z.string().nullable().catch(null),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** Someone who appears in a function's run history, for the Logs tab's filter. */
export const RunPerson = z.object({ id: z.string(), email: z.string() });
export type RunPerson = z.infer<typeof RunPerson>;

/** Malformed rows are dropped rather than failing the list. `people`: everyone who ran the function, by email. */
export const RunListResponse = z.object({ runs: leniently(RunSummary), people: leniently(RunPerson) });

/** Storage's stand-in for a document over its cap: exactly `{ truncated: true, size, preview }`. */
export const StoredMarker = z.strictObject({ truncated: z.literal(true), size: z.number(), preview: z.string() });
export type StoredMarker = z.infer<typeof StoredMarker>;

/*
 * A stored run's documents were written by the engine, possibly by an older version and cut
 * at their caps: they are read leniently (a missing count is 0, an unknown code is INTERNAL, an
 * unreadable trace entry or log line is dropped), so one odd document never hides the run.
 */
export const StoredErrorData = EngineErrorData.extend({
  code: ErrorCode.catch("INTERNAL"),
  status: z.number().catch(500),
  block: z.string().optional().catch(undefined),
});
const StoredTraceEntry = TraceEntry.extend({
  attempts: z.number().catch(0),
  logs: z.array(BlockLog).catch([]),
  error: StoredErrorData.optional().catch(undefined),
});
const StoredRunLog = RunLog.extend({
  block: z.string().catch(""),
  level: RunLog.shape.level.catch("log"),
  t: z.number().catch(0),
  iteration: z.number().optional().catch(undefined),
});

/** `GET /api/functions/<fnId>/runs/<runId>`'s run. */
export const StoredRun = z.object({
  id: z.string().catch(""),
  functionId: z.string().catch(""),
  functionVersion: z.number().int().nullable().catch(null),
  status: RunStatus.catch("error"),
  source: RunSource.catch("app"),
  /** The input, or a StoredMarker when it was over its cap. */
  input: z.unknown(),
  /** The result (status ok), or a StoredMarker when it was over its cap. */
  output: z.unknown(),
  /** A run's error; null when it succeeded (or its error could not be read). */
  error: StoredErrorData.nullable().catch(null),
  trace: z.union([StoredMarker, leniently(StoredTraceEntry)]).catch([]),
  logs: leniently(StoredRunLog),
  durationMs: z.number().catch(0),
  startedAt: z.string().catch(""),
  userEmail: z.string().nullable().catch(null),
  pageId: z.string().nullable().catch(null),
  trigger: z.string().nullable().catch(null),
});
export type StoredRun = z.infer<typeof StoredRun>;

/** Anything as a stored run: what does not fit reads as an empty failed run. */
export function readStoredRun(raw: unknown): StoredRun {
  const parsed = StoredRun.safeParse(raw);
  return parsed.success ? parsed.data : StoredRun.parse({ input: null, output: null });
}

export const RunResponse = z.object({ run: StoredRun });
