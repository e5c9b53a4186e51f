import type { ErrorCode } from "../../errors";
import type { SandboxLimits, SandboxResult } from "../types";
import { pickIdle, victimsFor } from "./affinity";
import type { LaunchPlan } from "./launch";
import { IDLE_LINE_LIMIT, PythonProcess, type DoneFrame, type ProcessEvents } from "./python-process";
import { childError, failure, LogCollector, poolError, success } from "./result";

/**
 * The pool of Python child processes. It owns every limit that does not rely on the child's
 * cooperation: the wall-time kill, the RSS watchdog, byte caps on what is read back,
 * cancellation, admission (EXECUTOR_BUSY), recycling (after a kill, a crash, a dirty run, N
 * runs, heap growth) and the isolation rule (affinity.ts): a process serves ONE isolation key
 * for its whole life.
 */

export interface PoolOptions {
  size: number;
  maxQueue: number;
  maxWaitMs: number;
  /** How long a request may wait while the pool has never been ready yet (first start, snapshot making). */
  startupWaitMs: number;
  maxRunsPerProcess: number;
  recycleAboveBytes: number;
  memoryMarginBytes: number;
  rssPollMs: number;
  startTimeoutMs: number;
  maxConcurrentStarts: number;
  pyodideDir: string;
  nice: number;
  /** The launch plan and the snapshot file, made on first use (and again after repeated start failures). */
  prepare: () => Promise<{ plan: LaunchPlan; snapshotFile: string }>;
}

export interface PoolJob {
  id: number;
  key: string;
  /** The request line for the child, newline included. */
  line: string;
  limits: SandboxLimits;
  signal?: AbortSignal;
}

export interface PoolStats {
  size: number;
  starting: number;
  idle: number;
  busy: number;
  queued: number;
  /** Distinct isolation keys the live processes are bound to. */
  keys: number;
  completed: number;
  timedOut: number;
  memoryKills: number;
  cancelled: number;
  crashed: number;
  rejectedBusy: number;
  recycled: number;
  processesStarted: number;
  /** Spawn to ready of the last process started (restore + warm-up), ms. */
  lastStartMs: number;
  /** RSS of all live children, bytes. */
  rssBytes: number;
  /** The largest RSS growth of a child during one request, bytes. */
  peakRunGrowthBytes: number;
  processes: { state: Slot["state"]; runs: number; rssBytes: number; baseRssBytes: number }[];
}

interface Job extends PoolJob {
  logs: LogCollector;
  resolve: (r: SandboxResult) => void;
  settled: boolean;
  waitTimer?: ReturnType<typeof setTimeout>;
  onAbort?: () => void;
  enqueuedAt: number;
}

interface Slot {
  proc: PythonProcess;
  state: "starting" | "idle" | "busy" | "dead";
  owner: string | null;
  runs: number;
  baseHeap: number;
  lastUsed: number;
  /** The request running; null while the child settles (state check) after answering. */
  job: Job | null;
  timer?: ReturnType<typeof setTimeout>;
  poll?: ReturnType<typeof setInterval>;
}

type KillCode = Extract<ErrorCode, "SANDBOX_TIMEOUT" | "SANDBOX_MEMORY" | "RUN_CANCELLED" | "OUTPUT_TOO_LARGE" | "SANDBOX_CRASHED">;

/** A child that has not said `idle` this long after its answer is replaced. */
const SETTLE_MS = 5000;

export class ProcessPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly dying = new Set<PythonProcess>();
  private prepared: { plan: LaunchPlan; snapshotFile: string } | null = null;
  private preparing = false;
  private closed = false;
  private everReady = false;
  private startFailures = 0;
  private lastStartError = "";
  private backoffTimer?: ReturnType<typeof setTimeout>;
  private readonly warmWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private readonly counters = { completed: 0, timedOut: 0, memoryKills: 0, cancelled: 0, crashed: 0, rejectedBusy: 0, recycled: 0, processesStarted: 0 };
  private lastStartMs = 0;
  private peakRunGrowth = 0;
  private readonly events: ProcessEvents = {
    ready: (p, info) => this.onReady(p, info.heap),
    log: (p, id, logs, lt) => {
      const job = this.slotOf(p)?.job;
      if (job && job.id === id) job.logs.add(logs, lt);
    },
    done: (p, frame, value) => this.onDone(p, frame, value),
    idle: (p, info) => this.onIdle(p, info),
    broken: (p, why, bytes) => this.onBroken(p, why, bytes),
    exit: (p, code, signal) => this.onExit(p, code, signal),
  };

  constructor(private readonly o: PoolOptions) {}

  submit(request: PoolJob): Promise<SandboxResult> {
    const logs = new LogCollector(request.limits.maxLogBytes);
    const refuse = (code: ErrorCode, detail?: string) => Promise.resolve(failure(poolError(code, request.limits, detail), logs));
    if (this.closed) return refuse("EXECUTOR_BUSY", "sandbox closed");
    if (request.signal?.aborted) {
      this.counters.cancelled++;
      return refuse("RUN_CANCELLED");
    }
    // Starting failed repeatedly: answer at once until the back-off ends.
    if (this.backoffTimer) return refuse("SANDBOX_CRASHED", `the Python sandbox failed to start: ${this.lastStartError}`);
    this.start();
    return new Promise<SandboxResult>((resolve) => {
      const job: Job = { ...request, logs, resolve, settled: false, enqueuedAt: performance.now() };
      const slot = this.queue.length === 0 ? pickIdle(this.slots, job.key) : undefined;
      if (slot) {
        this.watchAbort(job);
        this.dispatch(slot, job);
        return;
      }
      if (this.queue.length >= this.o.maxQueue) {
        this.counters.rejectedBusy++;
        this.settle(job, failure(poolError("EXECUTOR_BUSY", job.limits, "queue full"), logs));
        return;
      }
      this.watchAbort(job);
      this.armWait(job, this.o.maxWaitMs);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Starts the pool (snapshot, processes) and resolves when `size` processes are ready. */
  warmUp(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("sandbox closed"));
    if (this.backoffTimer) return Promise.reject(new Error(`the Python sandbox failed to start: ${this.lastStartError}`));
    this.start();
    if (this.readyCount() >= this.o.size) return Promise.resolve();
    return new Promise((resolve, reject) => this.warmWaiters.push({ resolve, reject }));
  }

  stats(): PoolStats {
    const live = this.slots;
    const count = (state: Slot["state"]) => live.filter((s) => s.state === state).length;
    const processes = live.map((s) => ({ state: s.state, runs: s.runs, rssBytes: s.proc.totalRss(), baseRssBytes: s.proc.baseRss }));
    return {
      size: this.o.size,
      starting: count("starting"),
      idle: count("idle"),
      busy: count("busy"),
      queued: this.queue.length,
      keys: new Set(live.filter((s) => s.owner !== null).map((s) => s.owner)).size,
      ...this.counters,
      lastStartMs: this.lastStartMs,
      rssBytes: processes.reduce((sum, p) => sum + p.rssBytes, 0),
      peakRunGrowthBytes: this.peakRunGrowth,
      processes,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.backoffTimer);
    for (const job of this.queue.splice(0)) this.settle(job, failure(poolError("EXECUTOR_BUSY", job.limits, "sandbox closed"), job.logs));
    for (const w of this.warmWaiters.splice(0)) w.reject(new Error("sandbox closed"));
    for (const slot of [...this.slots]) {
      const job = slot.job;
      this.retire(slot);
      if (job) this.settle(job, failure(poolError("RUN_CANCELLED", job.limits, "sandbox closed"), job.logs));
    }
    const exits = [...this.dying].map((p) => p.exitPromise);
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 3000).unref())]);
  }

  // -- starting processes -----------------------------------------------------------------

  private start(): void {
    if (this.closed || this.backoffTimer) return;
    if (this.prepared) {
      this.fill();
      return;
    }
    if (this.preparing) return;
    this.preparing = true;
    this.o
      .prepare()
      .then((p) => {
        this.prepared = p;
        this.fill();
      })
      .catch((err: unknown) => this.startFailed(err instanceof Error ? err.message : String(err), true))
      .finally(() => {
        this.preparing = false;
      });
  }

  /** Keeps `size` processes alive, starting at most `maxConcurrentStarts` at a time (a restore takes a core). */
  private fill(): void {
    if (!this.prepared || this.closed || this.backoffTimer) return;
    let starting = this.slots.filter((s) => s.state === "starting").length;
    while (this.slots.length < this.o.size && starting < this.o.maxConcurrentStarts) {
      if (!this.spawn(this.prepared)) return;
      starting++;
    }
  }

  private spawn(prepared: { plan: LaunchPlan; snapshotFile: string }): boolean {
    let proc: PythonProcess;
    try {
      proc = new PythonProcess({ ...prepared, pyodideDir: this.o.pyodideDir }, this.events);
    } catch (err) {
      // e.g. the snapshot file was deleted: prepare (and make it) again
      this.startFailed(err instanceof Error ? err.message : String(err), true);
      return false;
    }
    this.counters.processesStarted++;
    const slot: Slot = { proc, state: "starting", owner: null, runs: 0, baseHeap: 0, lastUsed: 0, job: null };
    slot.timer = setTimeout(() => {
      this.retire(slot);
      this.startFailed(`a Python process was not ready within ${this.o.startTimeoutMs} ms: ${proc.stderrTail.trim().slice(-300)}`, false);
    }, this.o.startTimeoutMs);
    this.slots.push(slot);
    return true;
  }

  private onReady(p: PythonProcess, heap: number): void {
    const slot = this.slotOf(p);
    if (!slot || slot.state !== "starting") return this.onBroken(p, "unexpected ready frame");
    clearTimeout(slot.timer);
    slot.state = "idle";
    slot.baseHeap = heap;
    slot.lastUsed = performance.now();
    p.markBaseline();
    if (!this.prepared?.plan.niced) p.renice(this.o.nice);
    p.setActive(false);
    this.lastStartMs = performance.now() - p.startedAt;
    this.everReady = true;
    this.startFailures = 0;
    if (this.readyCount() >= this.o.size) for (const w of this.warmWaiters.splice(0)) w.resolve();
    this.pump();
  }

  /** A start failed: retry, but after three in a row (or a failed preparation) answer waiting requests and back off. */
  private startFailed(why: string, fatal: boolean): void {
    this.lastStartError = why;
    this.startFailures++;
    if (!fatal && this.startFailures < 3) {
      this.fill();
      return;
    }
    for (const job of this.queue.splice(0)) {
      this.settle(job, failure(poolError("SANDBOX_CRASHED", job.limits, `the Python sandbox failed to start: ${why}`), job.logs));
    }
    for (const w of this.warmWaiters.splice(0)) w.reject(new Error(`the Python sandbox failed to start: ${why}`));
    if (this.closed) return;
    // The next start checks the launch plan and the snapshot again: the host may have changed.
    this.prepared = null;
    const delay = Math.min(1000 * 2 ** Math.max(0, this.startFailures - 3), 30_000);
    this.backoffTimer = setTimeout(() => (this.backoffTimer = undefined), delay);
    this.backoffTimer.unref();
  }

  // -- scheduling -------------------------------------------------------------------------

  private readyCount(): number {
    return this.slots.filter((s) => s.state === "idle" || s.state === "busy").length;
  }

  private slotOf(p: PythonProcess): Slot | undefined {
    return this.slots.find((s) => s.proc === p);
  }

  private pump(): void {
    if (this.closed) return;
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i];
      const slot = pickIdle(this.slots, job.key);
      if (!slot) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      clearTimeout(job.waitTimer);
      this.dispatch(slot, job);
    }
    for (const victim of victimsFor(this.slots, new Set(this.queue.map((j) => j.key)))) {
      this.counters.recycled++;
      this.retire(victim);
    }
    this.fill();
  }

  private dispatch(slot: Slot, job: Job): void {
    const p = slot.proc;
    const { limits } = job;
    slot.state = "busy";
    slot.owner = job.key;
    slot.job = job;
    p.setActive(true);
    p.startRun();
    // Frames before the value: logs (≤ 6 bytes per character, escaped) and ServerError data.
    p.reader.limit = limits.maxOutputBytes + 6 * limits.maxLogBytes + IDLE_LINE_LIMIT;
    p.valueLimit = limits.maxOutputBytes;
    slot.timer = setTimeout(() => this.kill(slot, "SANDBOX_TIMEOUT"), limits.timeoutMs);
    slot.poll = setInterval(() => this.watchMemory(slot), this.o.rssPollMs);
    p.send(job.line);
  }

  /** The backstop for memory the WebAssembly cap does not see (the child's JavaScript heap). */
  private watchMemory(slot: Slot): void {
    const growth = this.sampleGrowth(slot);
    if (slot.job && growth > slot.job.limits.memoryBytes + this.o.memoryMarginBytes) this.kill(slot, "SANDBOX_MEMORY");
  }

  /** The child's RSS growth now; keeps the pool's largest growth of any request. */
  private sampleGrowth(slot: Slot): number {
    const g = slot.proc.sampleGrowth();
    if (g.peak > this.peakRunGrowth) this.peakRunGrowth = g.peak;
    return g.now;
  }

  private armWait(job: Job, ms: number): void {
    job.waitTimer = setTimeout(() => {
      const i = this.queue.indexOf(job);
      if (i < 0) return;
      const waited = performance.now() - job.enqueuedAt;
      // Before the pool was ever ready (first start, maybe making the snapshot) requests may wait longer.
      if (!this.everReady && waited < this.o.startupWaitMs && (this.prepared || this.preparing)) {
        this.armWait(job, this.o.startupWaitMs - waited);
        return;
      }
      this.queue.splice(i, 1);
      this.counters.rejectedBusy++;
      this.settle(job, failure(poolError("EXECUTOR_BUSY", job.limits, `waited ${Math.round(waited)} ms`), job.logs));
    }, ms);
  }

  private watchAbort(job: Job): void {
    if (!job.signal) return;
    job.onAbort = () => {
      const i = this.queue.indexOf(job);
      if (i >= 0) {
        this.queue.splice(i, 1);
        this.counters.cancelled++;
        this.settle(job, failure(poolError("RUN_CANCELLED", job.limits), job.logs));
        return;
      }
      const slot = this.slots.find((s) => s.job === job);
      if (slot) this.kill(slot, "RUN_CANCELLED");
    };
    job.signal.addEventListener("abort", job.onAbort, { once: true });
  }

  private settle(job: Job, result: SandboxResult): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.waitTimer);
    if (job.onAbort) job.signal?.removeEventListener("abort", job.onAbort);
    job.resolve(result);
  }

  // -- what the children say --------------------------------------------------------------

  private onDone(p: PythonProcess, frame: DoneFrame, value?: string): void {
    const slot = this.slotOf(p);
    const job = slot?.job;
    if (!slot || !job || job.id !== frame.id) return this.onBroken(p, "a result for no request");
    clearTimeout(slot.timer);
    this.sampleGrowth(slot);
    slot.job = null;
    slot.runs++;
    job.logs.add(frame.logs, frame.lt);
    this.counters.completed++;
    let result: SandboxResult;
    if (!frame.ok) result = failure(childError(frame.error, job.limits), job.logs);
    else {
      try {
        result = success(value === undefined || value === "" ? null : JSON.parse(value), job.logs);
      } catch {
        result = failure(poolError("SANDBOX_CRASHED", job.limits, "the result was not valid JSON"), job.logs);
      }
    }
    this.settle(job, result);
    // The child now checks its state, then says `idle`; one that never does is replaced.
    slot.timer = setTimeout(() => this.replace(slot), SETTLE_MS);
  }

  private onIdle(p: PythonProcess, info: { dirty: string; heap: number }): void {
    const slot = this.slotOf(p);
    if (!slot || slot.state !== "busy" || slot.job) return this.onBroken(p, "unexpected idle frame");
    clearTimeout(slot.timer);
    clearInterval(slot.poll);
    slot.state = "idle";
    slot.lastUsed = performance.now();
    p.setActive(false);
    // Dirty (a patched module, a memory limit hit), grown, or old: replaced by a fresh restore.
    if (info.dirty || info.heap - slot.baseHeap > this.o.recycleAboveBytes || slot.runs >= this.o.maxRunsPerProcess) {
      this.counters.recycled++;
      this.replace(slot);
      return;
    }
    this.pump();
  }

  private onBroken(p: PythonProcess, why: string, overflowBytes?: number): void {
    const slot = this.slotOf(p);
    if (!slot) return;
    if (overflowBytes !== undefined && slot.job) {
      this.kill(slot, "OUTPUT_TOO_LARGE", `${p.readingValue ? "a result" : "a frame"} of ${overflowBytes}+ bytes`);
      return;
    }
    this.kill(slot, "SANDBOX_CRASHED", `protocol error: ${why}`);
  }

  private onExit(p: PythonProcess, code: number | null, signal: NodeJS.Signals | null): void {
    this.dying.delete(p);
    const slot = this.slotOf(p);
    if (!slot) return;
    const wasStarting = slot.state === "starting";
    const job = slot.job;
    this.retire(slot);
    const tail = p.stderrTail.trim().slice(-500);
    if (job) {
      // V8 out of heap, or RSS near the limit when it died: memory, not a crash.
      const memory = /heap out of memory|Reached heap limit|Allocation failed/i.test(tail) || p.sampleGrowth().peak > job.limits.memoryBytes * 0.8;
      this.counters[memory ? "memoryKills" : "crashed"]++;
      this.settle(job, failure(poolError(memory ? "SANDBOX_MEMORY" : "SANDBOX_CRASHED", job.limits, `exit ${code ?? signal}: ${tail}`), job.logs));
    }
    if (wasStarting) this.startFailed(`a Python process exited while starting (${code ?? signal}): ${tail}`, false);
    else this.pump();
  }

  // -- ending processes -------------------------------------------------------------------

  /** Kill a process that must not finish its request, answer the request, start a replacement. */
  private kill(slot: Slot, code: KillCode, detail?: string): void {
    const job = slot.job;
    if (job) this.sampleGrowth(slot);
    this.retire(slot);
    if (code === "SANDBOX_TIMEOUT") this.counters.timedOut++;
    else if (code === "SANDBOX_MEMORY") this.counters.memoryKills++;
    else if (code === "RUN_CANCELLED") this.counters.cancelled++;
    else if (code === "SANDBOX_CRASHED") this.counters.crashed++;
    if (job) this.settle(job, failure(poolError(code, job.limits, detail), job.logs));
    this.pump();
  }

  private replace(slot: Slot): void {
    this.retire(slot);
    this.pump();
  }

  private retire(slot: Slot): void {
    if (slot.state === "dead") return;
    slot.state = "dead";
    slot.job = null;
    clearTimeout(slot.timer);
    clearInterval(slot.poll);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (!slot.proc.exited) {
      this.dying.add(slot.proc);
      // Held until it is gone, so that close() can wait for its exit.
      slot.proc.setActive(true);
    }
    slot.proc.kill();
  }
}
