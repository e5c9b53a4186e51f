import path from "node:path";
import type { EngineErrorData } from "../../errors";
import type { CodeSandbox, SandboxLimits, SandboxRequest, SandboxResult } from "../types";
import { WorkerPool, workerBytes, type PoolStats } from "./pool";
import type { RunRequest, VmSetup } from "./protocol";
import { pickScope } from "./scope-filter";

/**
 * The JavaScript sandbox: QuickJS (quickjs-emscripten) in two pools of worker threads, one for
 * code blocks and one, small, for `{{ }}` expressions (templates never wait behind user code).
 * See ../README.md for the limits, how each one is enforced, and the fair shares.
 */

export interface JsSandboxOptions {
  /** Worker threads kept for code blocks, each running one request at a time. Default 2. */
  poolSize?: number;
  /**
   * Memory all workers may reserve together, each counted at its worst case (V8 heaps and stack
   * of the thread, 16 MiB + the request's memory limit of WebAssembly memory). The expression
   * lane's `templateMaxWorkers` are set aside first; the code-block pool grows beyond `poolSize`
   * while requests wait, up to what the rest holds, and shrinks back when idle. Default: none
   * (the pool stays at `poolSize`).
   */
  memoryBudgetBytes?: number;
  /** A request waiting this long with no free worker makes the pool start one (0: at once). Default 50 ms. */
  growAfterMs?: number;
  /**
   * The longest `timeoutMs` a code block gets (longer ones are cut to it). It bounds how long a
   * request within its key's share may wait for a worker (a key over its share frees one within
   * it, + `killGraceMs`). Default 600 s (the largest `blockTimeoutMs` a function may set).
   */
  maxTimeoutMs?: number;
  /** Code-block workers at most, whatever the budget. Default: what the budget holds (`poolSize` without one). */
  maxWorkers?: number;
  /** A worker beyond `poolSize` (or `templateWorkers`) idle this long is stopped. Default 30 s. */
  idleMs?: number;
  /** A worker whose WebAssembly memory grew past this during a request is replaced at once. Default 128 MiB. */
  recycleWorkerAboveBytes?: number;
  /** How long a request may wait, beyond `maxWaitMs`, for a worker started for it. Default 30 s. */
  startWaitMs?: number;
  /** Workers kept for `expressions` requests (`{{ }}`). Default 1. */
  templateWorkers?: number;
  /** Expression workers at most. Default 2. */
  templateMaxWorkers?: number;
  /** The wall time of an `expressions` request: at most this, whatever its limits say. Default 1000 ms. */
  templateTimeoutMs?: number;
  /** Requests waiting for a worker beyond this are refused with EXECUTOR_BUSY. Default 64. */
  maxQueue?: number;
  /** A request waiting longer than this for a worker is refused with EXECUTOR_BUSY. Default 2000 ms. */
  maxWaitMs?: number;
  /** The worker is terminated when it has not answered `timeoutMs + killGraceMs` after dispatch. Default 500 ms. */
  killGraceMs?: number;
  /** worker.mjs; default `<cwd>/engine/sandbox/js/worker.mjs` (cwd = repository root). */
  workerPath?: string;
  /**
   * Memory limit the workers warm up for before the first request (requests with another limit
   * rebuild the engine once), what an idle worker is counted at, and the most an `expressions`
   * request gets. Default 64 MiB.
   */
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
  /** `key`: whose request it is (the app id; API keys later): no key takes more than its share of the workers while others wait. */
  run(request: SandboxRequest, signal?: AbortSignal, key?: string): Promise<SandboxResult>;
  /** A `CodeSandbox` (for `EnginePorts.js`) whose requests carry the key. */
  forKey(key: string): CodeSandbox;
  /** Resolves when every worker is ready (started, its first context prepared). */
  warmUp(): Promise<void>;
  close(): Promise<void>;
  /** The code-block pool's counters, and the expression lane's in `templates`. */
  stats(): JsSandboxStats;
}

export interface JsSandboxStats extends PoolStats {
  templates: PoolStats;
}

const MIB = 1024 * 1024;

/** Runtime-computed so that bundlers (Turbopack) do not try to follow and bundle the worker. */
export function defaultWorkerPath(): string {
  const segments = ["engine", "sandbox", "js", "worker.mjs"];
  return path.join(/*turbopackIgnore: true*/ process.cwd(), ...segments);
}

export function createJsSandbox(options: JsSandboxOptions = {}): JsSandbox {
  const filterScope = options.filterScope ?? true;
  const maxTimeoutMs = options.maxTimeoutMs ?? 600_000;
  const killGraceMs = options.killGraceMs ?? 500;
  const warmMemoryBytes = options.memoryBytes ?? 64 * MIB;
  const shared = {
    maxQueue: options.maxQueue ?? 64,
    maxWaitMs: options.maxWaitMs ?? 2000,
    killGraceMs,
    growAfterMs: options.growAfterMs ?? 50,
    fairWaitMs: maxTimeoutMs + killGraceMs,
    idleMs: options.idleMs ?? 30_000,
    recycleWorkerAboveBytes: options.recycleWorkerAboveBytes ?? 128 * MIB,
    startWaitMs: options.startWaitMs ?? 30_000,
    workerPath: options.workerPath ?? process.env.LATHE_JS_WORKER ?? defaultWorkerPath(),
    workerData: {
      memoryBytes: warmMemoryBytes,
      vmStackBytes: options.vmStackBytes ?? MIB,
      recycleAboveBytes: options.recycleAboveBytes ?? 48 * MIB,
      runtimeRuns: options.runtimeRuns ?? 1000,
    },
    resourceLimits: { stackSizeMb: options.workerStackMb ?? 16, maxOldGenerationSizeMb: options.workerHeapMb ?? 256 },
  };
  // Its own lane: a `{{ }}` never waits behind a code block. Its time and memory are short, so
  // that one key's slow expression holds a lane worker briefly (its share is one of two).
  const templateMaxWorkers = options.templateMaxWorkers ?? 2;
  const templates = new WorkerPool({ ...shared, size: options.templateWorkers ?? 1, maxSize: templateMaxWorkers });
  const templateTimeoutMs = options.templateTimeoutMs ?? 1000;
  const laneBytes = templateMaxWorkers * workerBytes(shared.resourceLimits, warmMemoryBytes);
  const budget = options.memoryBudgetBytes === undefined ? undefined : Math.max(0, options.memoryBudgetBytes - laneBytes);
  const pool = new WorkerPool({ ...shared, size: options.poolSize ?? 2, maxSize: options.maxWorkers, memoryBudgetBytes: budget });
  let nextId = 1;

  /** The limits a request runs with: an expression's are the lane's at most, a block's timeout `maxTimeoutMs` at most. */
  function limitsOf(request: SandboxRequest): SandboxLimits {
    const { limits } = request;
    if (request.kind === "code") return limits.timeoutMs > maxTimeoutMs ? { ...limits, timeoutMs: maxTimeoutMs } : limits;
    return { ...limits, timeoutMs: Math.min(limits.timeoutMs, templateTimeoutMs), memoryBytes: Math.min(limits.memoryBytes, warmMemoryBytes) };
  }

  async function run(request: SandboxRequest, signal?: AbortSignal, key = ""): Promise<SandboxResult> {
    const limits = limitsOf(request);
    const texts = request.kind === "code" ? [request.source] : request.expressions;
    let setup: string;
    try {
      const vm: VmSetup = {
        startedAt: Date.now(),
        maxLogBytes: limits.maxLogBytes,
        maxOutputBytes: limits.maxOutputBytes,
        failCode: request.kind === "code" ? "BLOCK_FAILED" : "EXPRESSION_FAILED",
        scope: filterScope ? pickScope(request.scope, texts) : request.scope,
      };
      if (request.kind === "expressions") vm.expressions = request.expressions;
      setup = JSON.stringify(vm);
    } catch (err) {
      const error: EngineErrorData = { code: "INTERNAL", message: "Internal error", status: 500, detail: `scope is not JSON: ${String(err)}` };
      return { ok: false, error, logs: [], logsTruncated: false };
    }
    const message: RunRequest = {
      id: nextId++,
      kind: request.kind,
      setup,
      timeoutMs: limits.timeoutMs,
      memoryBytes: limits.memoryBytes,
      maxOutputBytes: limits.maxOutputBytes,
    };
    if (request.kind === "code") message.source = request.source;
    return (request.kind === "code" ? pool : templates).submit(message, limits, signal, key);
  }

  return {
    run,
    forKey: (key) => ({ run: (request, signal) => run(request, signal, key) }),
    warmUp: async () => {
      await Promise.all([pool.warmUp(), templates.warmUp()]);
    },
    close: async () => {
      await Promise.all([pool.close(), templates.close()]);
    },
    stats: () => ({ ...pool.stats(), templates: templates.stats() }),
  };
}
