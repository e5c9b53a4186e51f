import path from "node:path";
import { ERROR_CODES, isErrorCode, type EngineErrorData, type ErrorCode } from "../../errors";
import type { CodeSandbox, LogEntry, SandboxLimits, SandboxRequest, SandboxResult } from "../types";
import { WorkerPool, type JobOutcome, type PoolStats, type WorkerRequest } from "./pool";
import { limitMessages } from "../limit-messages";
import { pickScope } from "./scope-filter";

/**
 * The JavaScript sandbox: QuickJS (quickjs-emscripten) in a pool of worker threads.
 * See ../README.md for the limits and how each one is enforced.
 */

export interface JsSandboxOptions {
  /** Worker threads, each running one request at a time. Default 2. */
  poolSize?: number;
  /** Requests waiting for a worker beyond this are refused with EXECUTOR_BUSY. Default 64. */
  maxQueue?: number;
  /** A request waiting longer than this for a worker is refused with EXECUTOR_BUSY. Default 2000 ms. */
  maxWaitMs?: number;
  /** The worker is terminated when it has not answered `timeoutMs + killGraceMs` after dispatch. Default 500 ms. */
  killGraceMs?: number;
  /** worker.mjs; default `<cwd>/engine/sandbox/js/worker.mjs` (cwd = repository root). */
  workerPath?: string;
  /** Memory limit the workers warm up for before the first request (requests with another limit rebuild the engine once). Default 64 MiB. */
  memoryBytes?: number;
  /** QuickJS stack limit. Default 1 MiB (about 6,000 nested JS calls). */
  vmStackBytes?: number;
  /** Worker thread stack; must stay several times vmStackBytes (WebAssembly frames of QuickJS use it). Default 16 MB. */
  workerStackMb?: number;
  /** V8 heap cap of each worker. Default 256 MB. */
  workerHeapMb?: number;
  /** Replace a worker's WebAssembly module when a run left its memory above this, to give it back. Default 48 MiB. */
  recycleAboveBytes?: number;
  /**
   * Requests one QuickJS runtime serves (each in a fresh context) before it is replaced; 1 gives
   * every request a new runtime (slower: the sandbox kernel is compiled per request). Default 1000.
   */
  runtimeRuns?: number;
  /** Send only scope entries named in the code (see scope-filter.ts). Default true. */
  filterScope?: boolean;
}

export interface JsSandbox extends CodeSandbox {
  close(): Promise<void>;
  stats(): PoolStats;
}

const MIB = 1024 * 1024;

/** Runtime-computed so that bundlers (Turbopack) do not try to follow and bundle the worker. */
export function defaultWorkerPath(): string {
  const segments = ["engine", "sandbox", "js", "worker.mjs"];
  return path.join(/*turbopackIgnore: true*/ process.cwd(), ...segments);
}

export function createJsSandbox(options: JsSandboxOptions = {}): JsSandbox {
  const killGraceMs = options.killGraceMs ?? 500;
  const filterScope = options.filterScope ?? true;
  const pool = new WorkerPool({
    size: options.poolSize ?? 2,
    maxQueue: options.maxQueue ?? 64,
    maxWaitMs: options.maxWaitMs ?? 2000,
    workerPath: options.workerPath ?? process.env.LATHE_JS_WORKER ?? defaultWorkerPath(),
    workerData: {
      memoryBytes: options.memoryBytes ?? 64 * MIB,
      vmStackBytes: options.vmStackBytes ?? MIB,
      recycleAboveBytes: options.recycleAboveBytes ?? 48 * MIB,
      runtimeRuns: options.runtimeRuns ?? 1000,
    },
    resourceLimits: { stackSizeMb: options.workerStackMb ?? 16, maxOldGenerationSizeMb: options.workerHeapMb ?? 256 },
  });
  let nextId = 1;

  async function run(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult> {
    const t0 = Date.now();
    const { limits } = request;
    const texts = request.kind === "code" ? [request.source] : request.expressions;
    let input: string;
    try {
      const scopeJson = JSON.stringify(filterScope ? pickScope(request.scope, texts) : request.scope);
      const exprs = request.kind === "expressions" ? `,"e":${JSON.stringify(request.expressions)}` : "";
      const failCode = request.kind === "code" ? "BLOCK_FAILED" : "EXPRESSION_FAILED";
      input = `{"t0":${t0},"ml":${limits.maxLogBytes},"mo":${limits.maxOutputBytes},"k":"${failCode}"${exprs},"s":${scopeJson}}`;
    } catch (err) {
      return failure({ code: "INTERNAL", message: "Internal error", status: 500, detail: `scope is not JSON: ${String(err)}` });
    }
    const message: WorkerRequest = {
      id: nextId++,
      kind: request.kind,
      input,
      timeoutMs: limits.timeoutMs,
      memoryBytes: limits.memoryBytes,
      maxOutputBytes: limits.maxOutputBytes,
    };
    if (request.kind === "code") message.source = request.source;
    const outcome = await pool.submit(message, limits.timeoutMs + killGraceMs, signal);
    return toResult(outcome, limits);
  }

  return { run, close: () => pool.close(), stats: () => pool.stats() };
}

function failure(error: EngineErrorData, logs: LogEntry[] = [], logsTruncated = false): SandboxResult {
  return { ok: false, error, logs, logsTruncated };
}

interface Meta {
  ok: boolean;
  error?: { code?: unknown; message?: unknown; status?: unknown; data?: unknown; detail?: unknown; size?: unknown };
  logs?: LogEntry[];
  lt?: boolean;
}

function toResult(outcome: JobOutcome, limits: SandboxLimits): SandboxResult {
  if (outcome.kind === "failed") return failure(errorData(outcome.code, limits, undefined, outcome.detail));
  const nl = outcome.out.indexOf("\n");
  let meta: Meta;
  try {
    meta = JSON.parse(outcome.out.slice(0, nl)) as Meta;
  } catch {
    meta = { ok: false };
  }
  if (!meta || typeof meta !== "object" || typeof meta.ok !== "boolean" || !Array.isArray(meta.logs)) {
    // Only user code that rewrote the VM's built-ins in odd ways can get here.
    return failure({
      code: "BLOCK_FAILED",
      status: ERROR_CODES.BLOCK_FAILED,
      message: "The result could not be read back: the code changed JavaScript built-ins it relies on",
      detail: outcome.out.slice(0, 200),
    });
  }
  const logs = meta.logs;
  const logsTruncated = meta.lt === true;
  if (meta.ok) {
    const text = outcome.out.slice(nl + 1);
    return { ok: true, value: text === "" ? null : JSON.parse(text), logs, logsTruncated };
  }
  const e = meta.error ?? {};
  const code: ErrorCode = isErrorCode(e.code) ? e.code : "SANDBOX_CRASHED";
  const error = errorData(code, limits, e);
  return failure(error, logs, logsTruncated);
}

const DEFAULT_MESSAGES = limitMessages("JavaScript");

function errorData(code: ErrorCode, limits: SandboxLimits, from?: Meta["error"], detail?: string): EngineErrorData {
  const size = typeof from?.size === "number" ? from.size : undefined;
  const given = typeof from?.message === "string" && from.message !== "" ? from.message : undefined;
  const message = given ?? DEFAULT_MESSAGES[code]?.(limits, size) ?? "The code failed";
  const status = typeof from?.status === "number" ? from.status : ERROR_CODES[code];
  const out: EngineErrorData = { code, message, status };
  if (from?.data !== undefined) out.data = from.data;
  const d = typeof from?.detail === "string" && from.detail !== "" ? from.detail : detail;
  if (d !== undefined) out.detail = d;
  return out;
}
