import { Worker, type ResourceLimits } from "node:worker_threads";
import { Executor, type ExecutorCounters, type Runner } from "../executor";
import type { SandboxLimits, SandboxResult } from "../types";
import type { RunRequest, WorkerConfig, WorkerFrame, WorkerStats } from "./protocol";
import { answerToResult } from "./result";

/**
 * The worker threads of the JavaScript sandbox, on the shared executor core (../executor.ts:
 * queue, EXECUTOR_BUSY, cancellation, kill deadline, start back-off). What is its own: a
 * thread per runner, which idle worker is warmest, replacing a worker in its slot, the
 * workers' counters, and how many workers there are: `size` always, more while jobs wait, as
 * many as the memory budget holds (`memoryBudgetBytes`, each worker counted at its worst case),
 * back to `size` when idle. Jobs carry a key (the app); the executor serves keys round-robin
 * and no key may run more than its share (`sharePerKey`). It knows nothing of QuickJS: it moves
 * `RunRequest`s to workers and answers back (protocol.ts).
 */

export interface PoolOptions {
  /** Workers always kept (what `warmUp` waits for). */
  size: number;
  /** Workers at most, whatever the budget allows. Default: as many as the budget holds, `size` without a budget. */
  maxSize?: number;
  /**
   * Memory the pool's workers may reserve together. A worker is counted at its worst case: its
   * thread's V8 heap and stack (`resourceLimits`) plus its WebAssembly memory (16 MiB base plus
   * the memory limit of the job it runs, or `workerData.memoryBytes` when idle). Default: no limit.
   */
  memoryBudgetBytes?: number;
  /** A worker beyond `size` idle this long is stopped. */
  idleMs: number;
  /** A worker whose WebAssembly memory grew past this during a job is replaced (memory comes back at once). */
  recycleWorkerAboveBytes: number;
  /** How long a job may wait for a worker the pool is starting for it (beyond `maxWaitMs`). */
  startWaitMs: number;
  /**
   * How long a job within its key's share may wait: a worker of a key over its share frees
   * within the longest timeout in flight (the sandbox's largest `timeoutMs` + `killGraceMs`).
   */
  fairWaitMs: number;
  /** A job waiting this long without a free worker makes the pool start one (0: at once). */
  growAfterMs: number;
  maxQueue: number;
  maxWaitMs: number;
  /** A worker that has not answered `timeoutMs` + this after dispatch is terminated. */
  killGraceMs: number;
  workerPath: string;
  workerData: WorkerConfig;
  resourceLimits: ResourceLimits;
}

export interface PoolStats extends ExecutorCounters {
  /** Workers now (starting ones included). */
  size: number;
  /** Workers the budget holds: what shares are counted on. */
  maxSize: number;
  starting: number;
  /** Workers replaced because a job left their memory above `recycleWorkerAboveBytes`. */
  recycled: number;
  /** Workers beyond `size` stopped after `idleMs` idle. */
  shrunk: number;
  /** Bytes reserved now by the workers, counted as for the budget. */
  reservedBytes: number;
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
  /** When its current job was sent (performance.now()). */
  sentAt: number;
  retired: boolean;
  stats: WorkerStats;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/** Preparing the next context takes a worker ~0.2–0.3 ms of CPU after it answered. */
const WARM_AFTER_MS = 1;

const MIB = 1024 * 1024;
/** The WebAssembly module's own memory before the job's limit (worker.mjs BASE_BYTES). */
const WASM_BASE_BYTES = 16 * MIB;
/** V8's young generation when `resourceLimits` leaves it unset (counted at its usual cap). */
const DEFAULT_YOUNG_MB = 48;

const ZERO_STATS: WorkerStats = { runs: 0, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly retiredStats: WorkerStats = { ...ZERO_STATS };
  private workersStarted = 0;
  private growTimer?: ReturnType<typeof setTimeout>;
  private recycled = 0;
  private shrunk = 0;
  private readonly core: Executor<RunRequest, Slot>;
  /** A worker's V8 heap and stack, and its WebAssembly base: what it reserves besides the job's memory limit. */
  private readonly fixedBytes: number;
  readonly maxSize: number;

  constructor(private readonly options: PoolOptions) {
    this.fixedBytes = workerBytes(options.resourceLimits, 0);
    const budget = options.memoryBudgetBytes;
    const fits = budget === undefined ? Infinity : Math.floor(budget / (this.fixedBytes + options.workerData.memoryBytes));
    this.maxSize = Math.max(options.size, 1, Math.min(options.maxSize ?? (budget === undefined ? options.size : Infinity), fits));
    this.core = new Executor<RunRequest, Slot>(
      { name: "JavaScript", size: options.size, maxQueue: options.maxQueue, maxWaitMs: options.maxWaitMs },
      {
        pick: (job) => this.idleSlot(job.limits.memoryBytes),
        send: (slot, job) => {
          slot.warm = false;
          slot.sentAt = performance.now();
          clearTimeout(slot.idleTimer);
          slot.worker.postMessage(job.payload);
        },
        deadlineMs: (job) => job.limits.timeoutMs + options.killGraceMs,
        discard: (slot) => {
          this.retire(slot);
          void slot.worker.terminate();
          this.replace(slot);
        },
        readyCount: () => this.slots.filter((s) => s.ready).length,
        afterPump: () => this.scheduleGrow(),
        extraWaitMs: (waited, job) => this.extraWaitMs(waited, job.key),
        sharePerKey: (activeKeys) => share(this.maxSize, activeKeys),
      },
    );
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  /** `key`: whose job it is (the app); no key runs more than its share of the workers while others wait. */
  submit(request: RunRequest, limits: SandboxLimits, signal?: AbortSignal, key = ""): Promise<SandboxResult> {
    return this.core.submit(request, limits, signal, key);
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
      maxSize: this.maxSize,
      starting: this.starting(),
      recycled: this.recycled,
      shrunk: this.shrunk,
      reservedBytes: this.reserved(),
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
    clearTimeout(this.growTimer);
    this.core.close();
    await Promise.all(
      this.slots.map((slot) => {
        slot.retired = true;
        clearTimeout(slot.idleTimer);
        return slot.worker.terminate();
      }),
    );
  }

  /**
   * A worker idle for WARM_AFTER_MS has surely prepared its next context: the first such one (in
   * slot order, so that light traffic keeps going to the same, hot, worker). Otherwise the one
   * that answered first, the closest to ready.
   */
  private idleSlot(memoryBytes: number): Slot | undefined {
    // A job with a larger memory limit than an idle worker's reserves more: within the budget, or alone.
    const extra = memoryBytes - this.options.workerData.memoryBytes;
    if (extra > 0 && this.slots.some((s) => s.job) && this.reserved() + extra > (this.options.memoryBudgetBytes ?? Infinity)) return undefined;
    const now = performance.now();
    let fallback: Slot | undefined;
    for (const s of this.slots) {
      if (!s.ready || s.job || s.retired) continue;
      if (s.warm || now - s.idleAt >= WARM_AFTER_MS) return s;
      if (!fallback || s.idleAt < fallback.idleAt) fallback = s;
    }
    return fallback;
  }

  /** Workers started and not yet ready. */
  private starting(): number {
    return this.slots.filter((s) => !s.ready && !s.retired).length;
  }

  /** What the workers reserve, each at its worst case (see `memoryBudgetBytes`). */
  private reserved(): number {
    let bytes = 0;
    for (const s of this.slots) bytes += this.fixedBytes + (s.job ? s.job.limits.memoryBytes : this.options.workerData.memoryBytes);
    return bytes;
  }

  /**
   * Waiting is not overload while the pool is starting a worker (growing), or while the job's key
   * is within its share (a worker of a key over its share frees within the longest timeout).
   * Otherwise (the key is over its share) `maxWaitMs` holds.
   */
  private extraWaitMs(waited: number, key: string): number {
    const { maxWaitMs, startWaitMs, fairWaitMs } = this.options;
    const limit = Math.max(this.starting() > 0 ? maxWaitMs + startWaitMs : 0, this.core.withinShare(key) ? fairWaitMs : 0);
    return Math.max(0, limit - waited);
  }

  /**
   * Jobs wait within their share and no worker is free: grow now, or when they have waited
   * `growAfterMs` and workers are held by jobs running that long.
   */
  private scheduleGrow(): void {
    if (this.options.growAfterMs <= 0) return this.grow();
    if (this.growTimer || this.core.dispatchable() === 0) return;
    this.growTimer = setTimeout(() => {
      this.growTimer = undefined;
      this.grow();
    }, this.options.growAfterMs);
    this.growTimer.unref();
  }

  /**
   * Starts workers for the jobs that wait within their share, as far as the budget allows, but
   * only in place of workers held by long jobs (running `growAfterMs` or more): short jobs free
   * their workers soon, and more threads than `size` busy with them would only share the same
   * cores (on a 2-core machine, five workers served fewer calls than two).
   */
  private grow(): void {
    if (this.core.isClosed || this.core.backingOff) return;
    const now = performance.now();
    const idle = this.slots.filter((s) => s.ready && !s.job).length;
    const held = this.slots.filter((s) => s.job && now - s.sentAt >= this.options.growAfterMs).length;
    let wanted = Math.min(this.core.dispatchable() - idle - this.starting(), this.options.size - (this.slots.length - held));
    const budget = this.options.memoryBudgetBytes ?? Infinity;
    const cost = this.fixedBytes + this.options.workerData.memoryBytes;
    while (wanted-- > 0 && this.slots.length < this.maxSize && this.reserved() + cost <= budget) this.slots.push(this.spawn());
    // Jobs still waiting: look again in `growAfterMs` (a job running now may be a long one).
    if (this.options.growAfterMs > 0 && this.starting() === 0) this.scheduleGrow();
  }

  /** A worker beyond `size` that stays idle `idleMs` is stopped. */
  private armIdle(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    if (this.slots.length <= this.options.size) return;
    slot.idleTimer = setTimeout(() => {
      if (slot.job || slot.retired || this.slots.length <= this.options.size || this.core.isClosed) return;
      this.retire(slot);
      void slot.worker.terminate();
      this.slots.splice(this.slots.indexOf(slot), 1);
      this.shrunk++;
    }, this.options.idleMs);
    slot.idleTimer.unref();
  }

  private retire(slot: Slot): void {
    clearTimeout(slot.idleTimer);
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
    const slot: Slot = { worker, ready: false, warm: false, idleAt: 0, sentAt: 0, job: null, retired: false, stats: { ...ZERO_STATS } };
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
      if (!slot.job) this.armIdle(slot);
      return;
    }
    if (frame.stats) slot.stats = frame.stats;
    const job = slot.job;
    if (!job || job.payload.id !== frame.id) return;
    slot.idleAt = performance.now();
    this.core.complete(slot, answerToResult(frame.answer, job.limits));
    if ((frame.memory ?? 0) > this.options.recycleWorkerAboveBytes) {
      // Its WebAssembly memory never shrinks, and a dropped module is only given back when V8
      // collects it: a new thread gives the memory back now.
      this.recycled++;
      this.retire(slot);
      void slot.worker.terminate();
      this.replace(slot);
    } else if (this.surplus(slot)) {
      // Grown for long jobs that have since ended: the workers kept warm serve the rest.
      this.retire(slot);
      void slot.worker.terminate();
      this.slots.splice(this.slots.indexOf(slot), 1);
      this.shrunk++;
    } else {
      this.armIdle(slot);
    }
    this.core.pump();
  }

  /** A worker beyond `size` while `size` others are free or busy with short jobs: not needed now. */
  private surplus(slot: Slot): boolean {
    if (this.slots.length <= this.options.size) return false;
    const now = performance.now();
    const free = this.slots.filter((s) => s !== slot && !s.retired && !(s.job && now - s.sentAt >= this.options.growAfterMs)).length;
    return free >= this.options.size;
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

/**
 * The most workers one key may run while `activeKeys` keys have jobs running or waiting: an equal
 * share of the most workers the pool may have. A key alone leaves one worker (of three or more)
 * for a key arriving; after that, a key arriving gets the next worker a key over its share frees.
 */
export function share(maxSize: number, activeKeys: number): number {
  if (activeKeys <= 1) return maxSize >= 3 ? maxSize - 1 : maxSize;
  return Math.max(1, Math.ceil(maxSize / activeKeys));
}

/** What one worker reserves at its worst case: its thread's V8 heaps and stack, and WebAssembly memory of 16 MiB + `memoryBytes`. */
export function workerBytes(rl: ResourceLimits, memoryBytes: number): number {
  return ((rl.maxOldGenerationSizeMb ?? 0) + (rl.maxYoungGenerationSizeMb ?? DEFAULT_YOUNG_MB) + (rl.stackSizeMb ?? 4)) * MIB + WASM_BASE_BYTES + memoryBytes;
}

function addStats(into: WorkerStats, from: WorkerStats): void {
  into.runs += from.runs;
  into.engines += from.engines;
  into.engineFailures += from.engineFailures;
  into.disposed += from.disposed;
  into.disposeFailures += from.disposeFailures;
  into.runtimes += from.runtimes ?? 0;
}
