import { Worker, type ResourceLimits } from "node:worker_threads";
import { Executor, type ExecutorCounters, type Runner } from "../executor";
import type { SandboxLimits, SandboxResult } from "../types";
import type { RunRequest, WorkerConfig, WorkerFrame, WorkerStats } from "./protocol";
import { answerToResult } from "./result";

/**
 * The worker threads of the JavaScript sandbox, on the shared executor core (../executor.ts:
 * queue, EXECUTOR_BUSY, cancellation, kill deadline, start back-off). What is its own: a
 * thread per runner, which idle worker is warmest, replacing a worker in its slot, and the
 * workers' counters. It knows nothing of QuickJS: it moves `RunRequest`s to workers and
 * answers back (protocol.ts).
 */

export interface PoolOptions {
  size: number;
  maxQueue: number;
  maxWaitMs: number;
  /** A worker that has not answered `timeoutMs` + this after dispatch is terminated. */
  killGraceMs: number;
  workerPath: string;
  workerData: WorkerConfig;
  resourceLimits: ResourceLimits;
}

export interface PoolStats extends ExecutorCounters {
  size: number;
  ready: number;
  busy: number;
  queued: number;
  workersStarted: number;
  /** Summed over every worker this pool ran. */
  workers: WorkerStats;
}

interface Slot extends Runner<RunRequest> {
  worker: Worker;
  ready: boolean;
  /** Said it is ready (sent once at start) and has had no request since. */
  warm: boolean;
  /**
   * When it last answered. A worker prepares its next context right after answering, so among
   * idle workers the one that answered first is the closest to ready.
   */
  idleAt: number;
  retired: boolean;
  stats: WorkerStats;
}

/** Preparing the next context takes a worker ~0.2–0.3 ms of CPU after it answered. */
const WARM_AFTER_MS = 1;

const ZERO_STATS: WorkerStats = { runs: 0, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly retiredStats: WorkerStats = { ...ZERO_STATS };
  private workersStarted = 0;
  private readonly core: Executor<RunRequest, Slot>;

  constructor(private readonly options: PoolOptions) {
    this.core = new Executor<RunRequest, Slot>(
      { name: "JavaScript", size: options.size, maxQueue: options.maxQueue, maxWaitMs: options.maxWaitMs },
      {
        pick: () => this.idleSlot(),
        send: (slot, job) => {
          slot.warm = false;
          slot.worker.postMessage(job.payload);
        },
        deadlineMs: (job) => job.limits.timeoutMs + options.killGraceMs,
        discard: (slot) => {
          this.retire(slot);
          void slot.worker.terminate();
          this.replace(slot);
        },
        readyCount: () => this.slots.filter((s) => s.ready).length,
      },
    );
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  submit(request: RunRequest, limits: SandboxLimits, signal?: AbortSignal): Promise<SandboxResult> {
    return this.core.submit(request, limits, signal);
  }

  /** Resolves when every worker is ready (started, its first context prepared). */
  warmUp(): Promise<void> {
    return this.core.whenReady();
  }

  stats(): PoolStats {
    const workers = { ...this.retiredStats };
    for (const s of this.slots) addStats(workers, s.stats);
    return {
      size: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.core.queued,
      ...this.core.counters,
      workersStarted: this.workersStarted,
      workers,
    };
  }

  async close(): Promise<void> {
    if (this.core.isClosed) return;
    this.core.close();
    await Promise.all(
      this.slots.map((slot) => {
        slot.retired = true;
        return slot.worker.terminate();
      }),
    );
  }

  /**
   * A worker idle for WARM_AFTER_MS has surely prepared its next context: the first such one (in
   * slot order, so that light traffic keeps going to the same, hot, worker). Otherwise the one
   * that answered first, the closest to ready.
   */
  private idleSlot(): Slot | undefined {
    const now = performance.now();
    let fallback: Slot | undefined;
    for (const s of this.slots) {
      if (!s.ready || s.job || s.retired) continue;
      if (s.warm || now - s.idleAt >= WARM_AFTER_MS) return s;
      if (!fallback || s.idleAt < fallback.idleAt) fallback = s;
    }
    return fallback;
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    slot.ready = false;
    this.core.detach(slot);
    addStats(this.retiredStats, slot.stats);
    slot.stats = { ...ZERO_STATS };
  }

  private replace(slot: Slot): void {
    if (this.core.isClosed) return;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.spawn();
  }

  private spawn(): Slot {
    const { workerPath, workerData, resourceLimits } = this.options;
    // The path is computed at run time on purpose: bundlers must not follow it (see index.ts).
    const worker = new Worker(/* turbopackIgnore: true */ /* webpackIgnore: true */ workerPath, { workerData, resourceLimits });
    worker.unref();
    this.workersStarted++;
    const slot: Slot = { worker, ready: false, warm: false, idleAt: 0, job: null, retired: false, stats: { ...ZERO_STATS } };
    worker.on("message", (frame: WorkerFrame) => this.onFrame(slot, frame));
    worker.on("error", (err: Error & { code?: string }) => this.onDeath(slot, err));
    worker.on("exit", (code) => this.onDeath(slot, new Error(`worker exited with code ${code}`)));
    return slot;
  }

  private onFrame(slot: Slot, frame: WorkerFrame): void {
    if (slot.retired) return;
    if (frame.type === "ready") {
      slot.ready = true;
      slot.warm = true;
      slot.stats = frame.stats;
      this.core.runnerReady();
      return;
    }
    if (frame.stats) slot.stats = frame.stats;
    const job = slot.job;
    if (!job || job.payload.id !== frame.id) return;
    slot.idleAt = performance.now();
    this.core.complete(slot, answerToResult(frame.answer, job.limits));
    this.core.pump();
  }

  private onDeath(slot: Slot, err: Error & { code?: string }): void {
    if (slot.retired) return;
    const everReady = slot.ready;
    const job = slot.job;
    this.retire(slot);
    void slot.worker.terminate();
    // A death is counted (as a crash, or memory) whether or not the worker was running a job.
    const code = job && err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "SANDBOX_MEMORY" : "SANDBOX_CRASHED";
    this.core.count(code);
    if (job) this.core.answer(job, code, err.message);
    // A worker that dies before it is ready will likely die again (bad path, broken install):
    // after a few tries the executor answers waiting jobs and backs off before the next start.
    if (everReady || this.core.startFailed(err.message, false, () => this.replace(slot))) this.replace(slot);
  }
}

function addStats(into: WorkerStats, from: WorkerStats): void {
  into.runs += from.runs;
  into.engines += from.engines;
  into.engineFailures += from.engineFailures;
  into.disposed += from.disposed;
  into.disposeFailures += from.disposeFailures;
  into.runtimes += from.runtimes ?? 0;
}
