import path from "node:path";
import type { PythonSandbox, SandboxRequest, SandboxResult } from "../types";
import { planLaunch, planLaunchSync, type Isolation, type LaunchOptions, type LaunchPlan } from "./launch";
import { ESTIMATED_PROCESS_BYTES, ProcessPool, type PoolStats } from "./pool";
import type { RunHeader } from "./protocol";
import { ensureSnapshot } from "./snapshot";

/**
 * The Python sandbox: Pyodide in a pool of warm, locked-down child processes restored from a
 * memory snapshot. See ../README.md ("Python") for the isolation, the limits and how each
 * one is enforced.
 */

export interface PythonSandboxOptions {
  /** Child processes kept alive at least, each running one request at a time. Default 2 (~190 MB each). */
  poolSize?: number;
  /** What the children may take together (RSS): the pool adds a process only while one more fits. Default 1 GiB. */
  memoryBudgetBytes?: number;
  /** Child processes alive at most. Default: what the budget holds at ~200 MB each, at least `poolSize + spare`. */
  maxProcesses?: number;
  /** Clean processes kept restored and unassigned for a key without an idle process. Default 1. */
  spare?: number;
  /** A process whose key has not used it this long is given up (down to `poolSize`). Default 300000 ms. */
  idleMs?: number;
  /** Requests waiting for a process beyond this are refused with EXECUTOR_BUSY. Default 256. */
  maxQueue?: number;
  /** A waiting request is refused with EXECUTOR_BUSY when no request finished and no process started for this long. Default 3000 ms. */
  maxWaitMs?: number;
  /** ... and in any case after waiting this long. Default 30000 ms. */
  maxQueueWaitMs?: number;
  /** The wait allowed before the pool was ever ready (first start; the snapshot may be being made). Default 30000 ms. */
  startupWaitMs?: number;
  /** A process is replaced after this many requests. Default 1000. */
  maxRunsPerProcess?: number;
  /** A process whose WebAssembly heap grew more than this over its start is replaced (heaps never shrink). Default 64 MiB. */
  recycleAboveBytes?: number;
  /** The RSS watchdog kills a run when the child's RSS grew by more than `memoryBytes` + this. Default 32 MiB. */
  memoryMarginBytes?: number;
  /** RSS watchdog period while a request runs. Default 50 ms. */
  rssPollMs?: number;
  /** A process that is not ready this long after it was started is killed. Default 30000 ms. */
  startTimeoutMs?: number;
  /** Processes restored at the same time (each restore takes a core for ~0.3–1 s). Default 1. */
  maxConcurrentStarts?: number;
  /** V8 heap of each child, MB (Python's own heap is bounded by `memoryBytes`). Default 256. */
  childHeapMb?: number;
  /** Niceness of the children (all their threads, from their start), so the server stays responsive while Python restores or spins. Default 10. */
  nice?: number;
  /** "auto" (default): namespaces when the host allows, else a warning and process-only isolation. */
  isolation?: "auto" | "namespaces" | "process";
  /** unshare(1) to use; default: found in /usr/bin, /bin or /usr/sbin. */
  unshare?: string;
  /** The user children run as when the server runs as root; null to keep root. Default 65534 (nobody). */
  uid?: number | null;
  gid?: number | null;
  /** Where the snapshot is cached. Default `<cwd>/data/cache`. */
  cacheDir?: string;
  /** The snapshot file. Default `<cacheDir>/pyodide-snapshot.bin` (a `.json` stamp sits next to it). */
  snapshotPath?: string;
  /** Giving up on making the snapshot. Default 120000 ms. */
  snapshotTimeoutMs?: number;
  /** child.mjs; default `<cwd>/engine/sandbox/python/child.mjs` or `LATHE_PY_CHILD` (cwd = repository root). */
  childPath?: string;
  /** The pyodide package folder; default `<cwd>/node_modules/pyodide/` or `LATHE_PYODIDE_DIR`. */
  pyodideDir?: string;
  /** Where warnings go (once per sandbox), e.g. the isolation falling back. Default console.warn. */
  warn?: (message: string) => void;
}

/** A Python code request; `isolationKey` (e.g. the app id) decides which processes may serve it. */
export type PythonRunRequest = Extract<SandboxRequest, { kind: "code" }> & {
  /**
   * Requests with different keys never run in the same process (a process serves one key for
   * its life). Absent: the shared key "" — every caller without a key shares processes.
   */
  isolationKey?: string;
};

export interface PythonSandboxHandle extends PythonSandbox {
  run(request: PythonRunRequest, signal?: AbortSignal): Promise<SandboxResult>;
  /** A `PythonSandbox` port whose requests all carry `key` (e.g. per app, for EnginePorts.python). */
  forKey(key: string): PythonSandbox;
  /** Makes the snapshot if needed and starts `poolSize` processes; resolves when they are ready. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
  stats(): PythonSandboxStats;
  /** The isolation that holds on this host (probes synchronously if the pool has not started yet). */
  isolation(): Isolation;
}

export interface PythonSandboxStats extends PoolStats {
  isolation: Isolation["level"] | "unknown";
}

/** Runtime-computed so that bundlers (Turbopack) do not follow it. */
export function defaultChildPath(): string {
  const segments = ["engine", "sandbox", "python", "child.mjs"];
  return path.join(/*turbopackIgnore: true*/ process.cwd(), ...segments);
}

function defaultPyodideDir(): string {
  const segments = ["node_modules", "pyodide"];
  return path.join(/*turbopackIgnore: true*/ process.cwd(), ...segments) + path.sep;
}

export function createPythonSandbox(options: PythonSandboxOptions = {}): PythonSandboxHandle {
  const childPath = options.childPath ?? process.env.LATHE_PY_CHILD ?? defaultChildPath();
  let pyodideDir = options.pyodideDir ?? process.env.LATHE_PYODIDE_DIR ?? defaultPyodideDir();
  if (!pyodideDir.endsWith(path.sep)) pyodideDir += path.sep;
  const cacheDir = options.cacheDir ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "data", "cache");
  const snapshotFile = options.snapshotPath ?? path.join(cacheDir, "pyodide-snapshot.bin");
  const warn = options.warn ?? ((m: string) => console.warn(m));
  const launch: LaunchOptions = {
    childPath,
    pyodideDir,
    isolation: options.isolation ?? "auto",
    childHeapMb: options.childHeapMb ?? 256,
    uid: options.uid === undefined ? 65534 : options.uid,
    gid: options.gid === undefined ? (options.uid === undefined ? 65534 : options.uid) : options.gid,
    nice: options.nice ?? 10,
    unshare: options.unshare,
  };

  let plan: LaunchPlan | null = null;
  let warned = false;
  const adopt = (p: LaunchPlan) => {
    plan = p;
    if (!warned && p.warnings.length > 0) {
      warned = true;
      warn(`[lathe] Python sandbox: ${p.warnings.join("; ")}`);
    }
    return p;
  };

  const size = options.poolSize ?? 2;
  const spare = options.spare ?? 1;
  const memoryBudgetBytes = options.memoryBudgetBytes ?? 1024 * 1024 * 1024;
  const pool = new ProcessPool({
    size,
    spare,
    memoryBudgetBytes,
    maxProcesses: options.maxProcesses ?? Math.max(size + spare, Math.floor(memoryBudgetBytes / ESTIMATED_PROCESS_BYTES)),
    idleMs: options.idleMs ?? 300_000,
    maxQueue: options.maxQueue ?? 256,
    maxWaitMs: options.maxWaitMs ?? 3000,
    maxQueueWaitMs: options.maxQueueWaitMs ?? 30_000,
    startupWaitMs: options.startupWaitMs ?? 30_000,
    maxRunsPerProcess: options.maxRunsPerProcess ?? 1000,
    recycleAboveBytes: options.recycleAboveBytes ?? 64 * 1024 * 1024,
    memoryMarginBytes: options.memoryMarginBytes ?? 32 * 1024 * 1024,
    rssPollMs: options.rssPollMs ?? 50,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
    maxConcurrentStarts: options.maxConcurrentStarts ?? 1,
    pyodideDir,
    nice: launch.nice,
    // Called on first use, and again after repeated start failures: the host may have changed.
    prepare: async () => {
      const p = adopt(await planLaunch(launch));
      const file = await ensureSnapshot({
        file: snapshotFile,
        pyodideDir,
        childPath,
        harnessPath: path.join(path.dirname(childPath), "harness.py"),
        plan: p,
        timeoutMs: options.snapshotTimeoutMs ?? 120_000,
      });
      return { plan: p, snapshotFile: file };
    },
  });
  let nextId = 1;

  async function run(request: PythonRunRequest, signal?: AbortSignal): Promise<SandboxResult> {
    const { limits } = request;
    const id = nextId++;
    let line: string;
    try {
      const header: RunHeader = {
        id,
        source: request.source,
        maxLogBytes: limits.maxLogBytes,
        maxOutputBytes: limits.maxOutputBytes,
        startedAt: Date.now(),
        memoryBytes: limits.memoryBytes,
      };
      line = `${JSON.stringify(header)}\t${JSON.stringify(request.scope)}\n`;
    } catch (err) {
      return { ok: false, error: { code: "INTERNAL", message: "Internal error", status: 500, detail: `scope is not JSON: ${String(err)}` }, logs: [], logsTruncated: false };
    }
    return pool.submit({ id, key: request.isolationKey ?? "", line }, limits, signal);
  }

  return {
    run,
    forKey: (key) => ({ run: (request, signal) => run({ ...request, isolationKey: key }, signal) }),
    warmUp: () => pool.warmUp(),
    close: () => pool.close(),
    stats: () => ({ ...pool.stats(), isolation: plan?.level ?? "unknown" }),
    isolation: () => {
      const p = plan ?? adopt(planLaunchSync(launch));
      return { level: p.level, warnings: [...p.warnings] };
    },
  };
}

export type { Isolation, IsolationLevel } from "./launch";
export type { PoolStats } from "./pool";
