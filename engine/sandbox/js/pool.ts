import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * A small pool of worker threads that each run one sandbox request at a time, with a bounded
 * queue. It knows nothing of QuickJS: it moves `WorkerRequest`s to workers and `out` strings
 * back, and owns the hard limits that do not rely on the worker's cooperation: the kill
 * deadline, cancellation, crash replacement, and admission (EXECUTOR_BUSY).
 */

/** What worker.mjs receives; keep in sync with its JSDoc `WorkerRequest`. */
export interface WorkerRequest {
  id: number;
  kind: "code" | "expressions";
  source?: string;
  /** JSON text for the VM: {"t0","ml","mo","k","e"?,"s"} (see vm-prelude.mjs, op 0). */
  input: string;
  timeoutMs: number;
  memoryBytes: number;
  maxOutputBytes: number;
}

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

type WorkerMessage = { t: "w"; stats: WorkerStats } | { t: "r"; id: number; out: string; stats?: WorkerStats };

export type JobOutcome =
  | { kind: "done"; out: string }
  | { kind: "failed"; code: "SANDBOX_TIMEOUT" | "RUN_CANCELLED" | "EXECUTOR_BUSY" | "SANDBOX_CRASHED" | "SANDBOX_MEMORY"; detail?: string };

export interface PoolOptions {
  size: number;
  maxQueue: number;
  maxWaitMs: number;
  workerPath: string;
  workerData: unknown;
  resourceLimits: ResourceLimits;
}

export interface PoolStats {
  size: number;
  ready: number;
  busy: number;
  queued: number;
  completed: number;
  timedOut: number;
  cancelled: number;
  crashed: number;
  rejectedBusy: number;
  workersStarted: number;
  /** Summed over every worker this pool ran. */
  workers: WorkerStats;
}

interface Job {
  request: WorkerRequest;
  /** Kill the worker when it has not answered this long after dispatch. */
  hardTimeoutMs: number;
  signal?: AbortSignal;
  resolve: (outcome: JobOutcome) => void;
  onAbort?: () => void;
  waitTimer?: ReturnType<typeof setTimeout>;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Said it is ready ("w", sent once at start) and has had no request since. */
  warm: boolean;
  /**
   * When it last answered. A worker prepares its next context right after answering, so among
   * idle workers the one that answered first is the closest to ready.
   */
  idleAt: number;
  job: Job | null;
  killTimer?: ReturnType<typeof setTimeout>;
  retired: boolean;
  stats: WorkerStats;
}

/** Preparing the next context takes a worker ~0.2–0.3 ms of CPU after it answered. */
const WARM_AFTER_MS = 1;

const ZERO_STATS: WorkerStats = { runs: 0, engines: 0, engineFailures: 0, disposed: 0, disposeFailures: 0, runtimes: 0 };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;
  private startFailures = 0;
  private respawnTimer?: ReturnType<typeof setTimeout>;
  private readonly retiredStats: WorkerStats = { ...ZERO_STATS };
  private readonly counters = { completed: 0, timedOut: 0, cancelled: 0, crashed: 0, rejectedBusy: 0, workersStarted: 0 };

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  submit(request: WorkerRequest, hardTimeoutMs: number, signal?: AbortSignal): Promise<JobOutcome> {
    if (this.closed) return Promise.resolve({ kind: "failed", code: "EXECUTOR_BUSY", detail: "sandbox closed" });
    if (signal?.aborted) {
      this.counters.cancelled++;
      return Promise.resolve({ kind: "failed", code: "RUN_CANCELLED" });
    }
    return new Promise<JobOutcome>((resolve) => {
      const job: Job = { request, hardTimeoutMs, signal, resolve };
      const slot = this.idleSlot();
      if (slot) {
        this.watchAbort(job);
        this.dispatch(slot, job);
        return;
      }
      if (this.queue.length >= this.options.maxQueue) {
        this.counters.rejectedBusy++;
        resolve({ kind: "failed", code: "EXECUTOR_BUSY", detail: "queue full" });
        return;
      }
      this.watchAbort(job);
      job.waitTimer = setTimeout(() => {
        const i = this.queue.indexOf(job);
        if (i < 0) return;
        this.queue.splice(i, 1);
        this.counters.rejectedBusy++;
        this.settle(job, { kind: "failed", code: "EXECUTOR_BUSY", detail: `waited ${this.options.maxWaitMs} ms` });
      }, this.options.maxWaitMs);
      this.queue.push(job);
    });
  }

  stats(): PoolStats {
    const workers = { ...this.retiredStats };
    for (const s of this.slots) addStats(workers, s.stats);
    return {
      size: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      ...this.counters,
      workers,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.respawnTimer);
    for (const job of this.queue.splice(0)) this.settle(job, { kind: "failed", code: "EXECUTOR_BUSY", detail: "sandbox closed" });
    await Promise.all(
      this.slots.map((slot) => {
        slot.retired = true;
        clearTimeout(slot.killTimer);
        if (slot.job) this.settle(slot.job, { kind: "failed", code: "RUN_CANCELLED", detail: "sandbox closed" });
        slot.job = null;
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

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.warm = false;
    slot.killTimer = setTimeout(() => this.kill(slot, "SANDBOX_TIMEOUT"), job.hardTimeoutMs);
    slot.worker.postMessage(job.request);
  }

  private pump(slot: Slot): void {
    if (slot.retired || !slot.ready || slot.job) return;
    const job = this.queue.shift();
    if (!job) return;
    clearTimeout(job.waitTimer);
    this.dispatch(slot, job);
  }

  private watchAbort(job: Job): void {
    if (!job.signal) return;
    job.onAbort = () => {
      const i = this.queue.indexOf(job);
      if (i >= 0) {
        this.queue.splice(i, 1);
        this.counters.cancelled++;
        this.settle(job, { kind: "failed", code: "RUN_CANCELLED" });
        return;
      }
      const slot = this.slots.find((s) => s.job === job);
      if (slot) this.kill(slot, "RUN_CANCELLED");
    };
    job.signal.addEventListener("abort", job.onAbort, { once: true });
  }

  private settle(job: Job, outcome: JobOutcome): void {
    clearTimeout(job.waitTimer);
    if (job.onAbort) job.signal?.removeEventListener("abort", job.onAbort);
    job.resolve(outcome);
  }

  /** Terminate a worker that must not finish its job, answer the job, and replace the worker. */
  private kill(slot: Slot, code: "SANDBOX_TIMEOUT" | "RUN_CANCELLED"): void {
    const job = slot.job;
    this.retire(slot);
    void slot.worker.terminate();
    if (code === "SANDBOX_TIMEOUT") this.counters.timedOut++;
    else this.counters.cancelled++;
    if (job) this.settle(job, { kind: "failed", code, detail: "worker terminated" });
    this.replace(slot);
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    slot.ready = false;
    slot.job = null;
    clearTimeout(slot.killTimer);
    addStats(this.retiredStats, slot.stats);
    slot.stats = { ...ZERO_STATS };
  }

  private replace(slot: Slot): void {
    if (this.closed) return;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.spawn();
  }

  private spawn(): Slot {
    const { workerPath, workerData, resourceLimits } = this.options;
    // The path is computed at run time on purpose: bundlers must not follow it (see index.ts).
    const worker = new Worker(/* turbopackIgnore: true */ /* webpackIgnore: true */ workerPath, { workerData, resourceLimits });
    worker.unref();
    this.counters.workersStarted++;
    const slot: Slot = { worker, ready: false, warm: false, idleAt: 0, job: null, retired: false, stats: { ...ZERO_STATS } };
    worker.on("message", (msg: WorkerMessage) => this.onMessage(slot, msg));
    worker.on("error", (err: Error & { code?: string }) => this.onDeath(slot, err));
    worker.on("exit", (code) => this.onDeath(slot, new Error(`worker exited with code ${code}`)));
    return slot;
  }

  private onMessage(slot: Slot, msg: WorkerMessage): void {
    if (slot.retired) return;
    if (msg.t === "w") {
      if (!slot.ready) this.startFailures = 0;
      slot.ready = true;
      slot.warm = true;
      slot.stats = msg.stats;
      this.pump(slot);
      return;
    }
    if (msg.stats) slot.stats = msg.stats;
    const job = slot.job;
    if (!job || job.request.id !== msg.id) return;
    clearTimeout(slot.killTimer);
    slot.job = null;
    slot.idleAt = performance.now();
    this.counters.completed++;
    this.settle(job, { kind: "done", out: msg.out });
    this.pump(slot);
  }

  private onDeath(slot: Slot, err: Error & { code?: string }): void {
    if (slot.retired) return;
    const job = slot.job;
    const everReady = slot.ready;
    this.retire(slot);
    void slot.worker.terminate();
    this.counters.crashed++;
    if (job) {
      const code = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "SANDBOX_MEMORY" : "SANDBOX_CRASHED";
      this.settle(job, { kind: "failed", code, detail: err.message });
    }
    if (everReady) {
      this.replace(slot);
      return;
    }
    // A worker that dies before it is ready will likely die again (bad path, broken install):
    // after a few tries, answer waiting jobs instead of letting them time out, and back off.
    this.startFailures++;
    if (this.startFailures < 3) {
      this.replace(slot);
      return;
    }
    for (const queued of this.queue.splice(0)) {
      this.settle(queued, { kind: "failed", code: "SANDBOX_CRASHED", detail: `sandbox worker failed to start: ${err.message}` });
    }
    const delay = Math.min(1000 * 2 ** (this.startFailures - 3), 30_000);
    this.respawnTimer = setTimeout(() => this.replace(slot), delay);
    this.respawnTimer.unref();
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
