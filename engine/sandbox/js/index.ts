import path from "node:path";
import type { EngineErrorData } from "../../errors";
import type { CodeSandbox, SandboxRequest, SandboxResult } from "../types";
import { WorkerPool, type PoolStats } from "./pool";
import type { RunRequest, VmSetup } from "./protocol";
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
  /** Resolves when every worker is ready (started, its first context prepared). */
  warmUp(): Promise<void>;
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
  const filterScope = options.filterScope ?? true;
  const pool = new WorkerPool({
    size: options.poolSize ?? 2,
    maxQueue: options.maxQueue ?? 64,
    maxWaitMs: options.maxWaitMs ?? 2000,
    killGraceMs: options.killGraceMs ?? 500,
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
    const { limits } = request;
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
    return pool.submit(message, limits, signal);
  }

  return { run, warmUp: () => pool.warmUp(), close: () => pool.close(), stats: () => pool.stats() };
}
