import type { LogEntry, RunnerError, Scope } from "../types";

/**
 * The frames of the JavaScript sandbox, defined once. pool.ts and index.ts import them;
 * worker.mjs, vm-prelude.mjs and test-hang-worker.mjs name them in JSDoc
 * (`@typedef {import("./protocol").RunRequest}`), so `tsc` checks both ends.
 *
 *   pool → worker   RunRequest                  (postMessage, one per request)
 *   worker → VM     VmSetup                     (JSON text, parsed by the kernel's setup op)
 *   VM → worker     VmAnswerHead "\n" value     (ONE string; the value's JSON follows when ok)
 *   worker → pool   WorkerFrame                 (postMessage: ready once, then one answer per request)
 */

/** pool → worker: one request. */
export interface RunRequest {
  id: number;
  kind: "code" | "expressions";
  /** The body of the async function (`code` requests). */
  source?: string;
  /** JSON text of a `VmSetup`, handed unparsed to the VM (one copy instead of a parse and a re-encode). */
  setup: string;
  timeoutMs: number;
  memoryBytes: number;
  maxOutputBytes: number;
}

/** worker → VM: what the kernel's setup op (vm-prelude.mjs, op 0) reads. */
export interface VmSetup {
  /** Epoch ms when the host started the request (log `t` is relative to it). */
  startedAt: number;
  maxLogBytes: number;
  maxOutputBytes: number;
  /** The code a failure of user code is reported with. */
  failCode: "BLOCK_FAILED" | "EXPRESSION_FAILED";
  /** The texts of an `expressions` request. */
  expressions?: string[];
  /** Scope entries, defined as globals of the user context. */
  scope: Scope;
}


/** VM → worker: the first line of the kernel's output. */
export interface VmAnswerHead {
  ok: boolean;
  error?: RunnerError;
  logs: LogEntry[];
  logsTruncated: boolean;
  /** The kernel caught the run's interruption (deadline) or QuickJS ran out of memory: the runtime is not reused. */
  stopped?: boolean;
}

/** worker → pool: the answer to one request. `value` is the result's JSON text (empty for `undefined`). */
export type RunAnswer =
  | { ok: true; value: string; logs: LogEntry[]; logsTruncated: boolean }
  | { ok: false; error: RunnerError; logs: LogEntry[]; logsTruncated: boolean };

/** A worker's counters, summed by the pool over every worker it ran. */
export interface WorkerStats {
  runs: number;
  /** WebAssembly modules instantiated (first one, memory-limit changes, recycling, replacements after a trap). */
  engines: number;
  /** Modules dropped because QuickJS trapped or threw on the host side. */
  engineFailures: number;
  /**
   * Requests whose context was released cleanly: the runtime back to exactly its live allocations
   * before the request after a garbage collection, or freed (QuickJS asserts nothing is left).
   */
  disposed: number;
  disposeFailures: number;
  /** QuickJS runtimes created (each serves up to `runtimeRuns` requests). */
  runtimes: number;
}

/**
 * worker → pool. `ready` is sent once, when the worker has prepared its first context; after
 * that one message per request is enough (the stats ride on the answer, as of the previous
 * request's release).
 */
export type WorkerFrame =
  | { type: "ready"; stats: WorkerStats }
  /** `memory`: bytes of the WebAssembly memory after the request (it only grows), for recycling. */
  | { type: "answer"; id: number; answer: RunAnswer; stats?: WorkerStats; memory?: number };

/** What the pool passes as `workerData`. */
export interface WorkerConfig {
  /** Engine size to warm up before the first request. */
  memoryBytes: number;
  /** QuickJS's stack limit (must stay well under the thread stack). */
  vmStackBytes: number;
  /** Replace the module after a request left its memory above this. */
  recycleAboveBytes: number;
  /** Requests served by one QuickJS runtime before it is replaced (1: a new runtime per request). */
  runtimeRuns?: number;
}
