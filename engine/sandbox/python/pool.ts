import { Executor, type ExecutorCounters, type Job, type Runner } from "../executor";
import { failure, poolError, success } from "../result";
import type { SandboxLimits, SandboxResult } from "../types";
import { cleanCount, idleToRetire, pickIdle, unservedKeys, victimsFor } from "./affinity";
import type { LaunchPlan } from "./launch";
import { IDLE_LINE_LIMIT, PythonProcess, type DoneFrame, type ProcessEvents } from "./python-process";
import { childError } from "./result";

/**
 * The pool of Python child processes, on the shared executor core (../executor.ts: queue,
 * EXECUTOR_BUSY, cancellation, the wall-time kill, start back-off). What is its own: child
 * processes started from a snapshot (at most `maxConcurrentStarts` at a time), the RSS
 * watchdog, byte caps on what is read back, recycling (after a kill, a crash, a dirty run, N
 * runs, heap growth), the longer wait before the pool was ever ready, and the isolation rule
 * (affinity.ts): a process serves ONE isolation key for its whole life.
 *
 * It grows and shrinks: at least `size` processes, at most `maxProcesses` and what fits in
 * `memoryBudgetBytes` (the children's RSS); `spare` clean processes are kept restored in the
 * background, so a key without a warm process (a new app, or one more concurrent call of an
 * app) takes one without a restore on its request's path; processes of keys not used for
 * `idleMs` are given up down to `size`. A waiting request is refused (EXECUTOR_BUSY) only when
 * the queue is full, or when nothing progressed (no request finished, no process started) for
 * `maxWaitMs`, or after `maxQueueWaitMs` in all.
 */

export interface PoolOptions {
  /** Processes kept alive at least (what warmUp waits for). */
  size: number;
  /** Processes alive at most. */
  maxProcesses: number;
  /** The pool adds a process only while the children's RSS plus one more process fits in this. */
  memoryBudgetBytes: number;
  /** Clean processes kept restored and unassigned, ready for a key that has no idle process. */
  spare: number;
  /** A process bound to a key that has not used it this long is given up (down to `size`). */
  idleMs: number;
  maxQueue: number;
  /** A waiting request is refused when nothing progressed for this long. */
  maxWaitMs: number;
  /** ... and in any case after this long. */
  maxQueueWaitMs: number;
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

/** What a job carries to its process. */
export interface PoolRequest {
  id: number;
  key: string;
  /** The request line for the child (protocol.ts: RunHeader, tab, scope), newline included. */
  line: string;
}

export interface PoolStats extends ExecutorCounters {
  size: number;
  maxProcesses: number;
  memoryBudgetBytes: number;
  /** Clean processes ready or starting. */
  clean: number;
  /** Processes given up because their key had not used them for `idleMs`. */
  retiredIdle: number;
  starting: number;
  idle: number;
  busy: number;
  queued: number;
  /** Distinct isolation keys the live processes are bound to. */
  keys: number;
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

interface Slot extends Runner<PoolRequest> {
  proc: PythonProcess;
  state: "starting" | "idle" | "busy" | "dead";
  owner: string | null;
  runs: number;
  baseHeap: number;
  lastUsed: number;
  /** The start timeout while starting; the settle timeout after answering (the kill deadline is the executor's). */
  timer?: ReturnType<typeof setTimeout>;
  poll?: ReturnType<typeof setInterval>;
}

/** A child that has not said `idle` this long after its answer is replaced. */
const SETTLE_MS = 5000;
/** What a process is assumed to take before one has been measured (~190 MB seen). */
export const ESTIMATED_PROCESS_BYTES = 200 * 1024 * 1024;

export class ProcessPool {
  private readonly slots: Slot[] = [];
  private readonly dying = new Set<PythonProcess>();
  private prepared: { plan: LaunchPlan; snapshotFile: string } | null = null;
  private preparing = false;
  private everReady = false;
  private readonly counters = { recycled: 0, processesStarted: 0, retiredIdle: 0 };
  private lastStartMs = 0;
  /** When a request last finished or a process became ready (admission: is the pool progressing?). */
  private lastProgress = performance.now();
  private sweeper?: ReturnType<typeof setInterval>;
  private peakRunGrowth = 0;
  private readonly core: Executor<PoolRequest, Slot>;
  private readonly events: ProcessEvents = {
    ready: (p, info) => this.onReady(p, info.heapBytes),
    log: (p, id, logs, lt) => {
      const job = this.slotOf(p)?.job;
      if (job && job.payload.id === id) job.logs.add(logs, lt);
    },
    done: (p, frame, value) => this.onDone(p, frame, value),
    idle: (p, info) => this.onIdle(p, info),
    broken: (p, why, bytes) => this.onBroken(p, why, bytes),
    exit: (p, code, signal) => this.onExit(p, code, signal),
  };

  constructor(private readonly o: PoolOptions) {
    this.core = new Executor<PoolRequest, Slot>(
      { name: "Python", size: o.size, maxQueue: o.maxQueue, maxWaitMs: o.maxWaitMs },
      {
        pick: (job) => pickIdle(this.slots, job.payload.key),
        send: (slot, job) => this.send(slot, job),
        deadlineMs: (job) => job.limits.timeoutMs,
        discard: (slot) => this.replace(slot),
        readyCount: () => this.readyCount(),
        afterPump: () => this.afterPump(),
        beforeKill: (slot) => this.sampleGrowth(slot),
        extraWaitMs: (waited) => this.extraWaitMs(waited),
      },
    );
  }

  submit(request: PoolRequest, limits: SandboxLimits, signal?: AbortSignal): Promise<SandboxResult> {
    if (!signal?.aborted) this.start();
    return this.core.submit(request, limits, signal);
  }

  /** Starts the pool (snapshot, processes) and resolves when `size` processes are ready. */
  warmUp(): Promise<void> {
    this.start();
    return this.core.whenReady();
  }

  stats(): PoolStats {
    const live = this.slots;
    const count = (state: Slot["state"]) => live.filter((s) => s.state === state).length;
    const processes = live.map((s) => ({ state: s.state, runs: s.runs, rssBytes: s.proc.totalRss(), baseRssBytes: s.proc.baseRss }));
    return {
      size: this.o.size,
      maxProcesses: this.o.maxProcesses,
      memoryBudgetBytes: this.o.memoryBudgetBytes,
      clean: cleanCount(live),
      starting: count("starting"),
      idle: count("idle"),
      busy: count("busy"),
      queued: this.core.queued,
      keys: new Set(live.filter((s) => s.owner !== null).map((s) => s.owner)).size,
      ...this.core.counters,
      ...this.counters,
      lastStartMs: this.lastStartMs,
      rssBytes: processes.reduce((sum, p) => sum + p.rssBytes, 0),
      peakRunGrowthBytes: this.peakRunGrowth,
      processes,
    };
  }

  async close(): Promise<void> {
    if (this.core.isClosed) return;
    this.core.close();
    clearInterval(this.sweeper);
    for (const slot of [...this.slots]) this.retire(slot);
    const exits = [...this.dying].map((p) => p.exitPromise);
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 3000).unref())]);
  }

  // -- starting processes -----------------------------------------------------------------

  private start(): void {
    if (this.core.isClosed || this.core.backingOff) return;
    if (!this.sweeper && Number.isFinite(this.o.idleMs)) {
      this.sweeper = setInterval(() => this.sweep(), Math.max(250, this.o.idleMs / 4));
      this.sweeper.unref();
    }
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

  /**
   * Keeps `size` processes alive, and `spare` clean ones (or one per waiting key without a
   * process) within `maxProcesses` and the memory budget, starting at most
   * `maxConcurrentStarts` at a time (a restore takes a core).
   */
  private fill(): void {
    if (!this.prepared || this.core.isClosed || this.core.backingOff) return;
    let starting = this.slots.filter((s) => s.state === "starting").length;
    while (starting < this.o.maxConcurrentStarts && this.wantsAnother()) {
      if (!this.spawn(this.prepared)) return;
      starting++;
    }
  }

  private wantsAnother(): boolean {
    if (this.slots.length < this.o.size) return true;
    const cleanWanted = Math.max(this.o.spare, unservedKeys(this.slots, this.waitingKeys()));
    return cleanCount(this.slots) < cleanWanted && this.growable() > 0;
  }

  /** How many more processes the pool may start: under `maxProcesses`, and what the budget leaves. */
  private growable(): number {
    const byCount = this.o.maxProcesses - this.slots.length;
    if (byCount <= 0 || !Number.isFinite(this.o.memoryBudgetBytes)) return Math.max(0, byCount);
    let rss = 0;
    let largest = 0;
    for (const s of this.slots) {
      rss += s.state === "starting" ? 0 : s.proc.totalRss();
      largest = Math.max(largest, s.proc.baseRss);
    }
    // A starting process counts as one more of the largest seen (before any: ESTIMATED_PROCESS_BYTES).
    const each = largest || ESTIMATED_PROCESS_BYTES;
    rss += this.slots.filter((s) => s.state === "starting").length * each;
    return Math.min(byCount, Math.max(0, Math.floor((this.o.memoryBudgetBytes - rss) / each)));
  }

  private waitingKeys(): Set<string> {
    return new Set(this.core.waiting().map((j) => j.payload.key));
  }

  /** A queued request waited `waited` ms: it waits on while the pool progresses (see the class comment). */
  private extraWaitMs(waited: number): number {
    // Before the pool was ever ready (first start, maybe making the snapshot) requests may wait longer.
    if (!this.everReady && waited < this.o.startupWaitMs && (this.prepared || this.preparing)) return this.o.startupWaitMs - waited;
    if (waited >= this.o.maxQueueWaitMs) return 0;
    const starting = this.slots.some((s) => s.state === "starting");
    if (!starting && performance.now() - this.lastProgress >= this.o.maxWaitMs) return 0;
    return Math.min(this.o.maxWaitMs, this.o.maxQueueWaitMs - waited);
  }

  /** Gives up processes of keys that have not used them for `idleMs`; the spare is restored again. */
  private sweep(): void {
    if (this.core.isClosed) return;
    for (const slot of idleToRetire(this.slots, performance.now(), this.o.idleMs, this.o.size)) {
      this.counters.retiredIdle++;
      this.retire(slot);
    }
    this.fill();
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
    this.lastProgress = performance.now();
    this.everReady = true;
    this.core.runnerReady();
  }

  /** A start failed: retry, but after three in a row (or a failed preparation) the executor answers waiting requests and backs off. */
  private startFailed(why: string, fatal: boolean): void {
    if (this.core.startFailed(why, fatal)) {
      this.fill();
      return;
    }
    // The next start checks the launch plan and the snapshot again: the host may have changed.
    if (!this.core.isClosed) this.prepared = null;
  }

  // -- scheduling -------------------------------------------------------------------------

  private readyCount(): number {
    return this.slots.filter((s) => s.state === "idle" || s.state === "busy").length;
  }

  private slotOf(p: PythonProcess): Slot | undefined {
    return this.slots.find((s) => s.proc === p);
  }

  /**
   * After the queue was served: when waiting keys without a process outnumber the clean
   * processes and what the pool may still add, recycle idle processes of keys nobody waits for.
   */
  private afterPump(): void {
    const waitingKeys = this.waitingKeys();
    const short = waitingKeys.size > 0 && unservedKeys(this.slots, waitingKeys) > cleanCount(this.slots);
    for (const victim of short ? victimsFor(this.slots, waitingKeys, this.growable()) : []) {
      this.counters.recycled++;
      this.retire(victim);
    }
    this.fill();
  }

  private send(slot: Slot, job: Job<PoolRequest>): void {
    const p = slot.proc;
    const { limits } = job;
    slot.state = "busy";
    slot.owner = job.payload.key;
    p.setActive(true);
    p.startRun();
    // Frames before the value: logs (≤ 6 bytes per character, escaped) and ServerError data.
    p.reader.limit = limits.maxOutputBytes + 6 * limits.maxLogBytes + IDLE_LINE_LIMIT;
    p.valueLimit = limits.maxOutputBytes;
    slot.poll = setInterval(() => this.watchMemory(slot), this.o.rssPollMs);
    p.send(job.payload.line);
  }

  /** The backstop for memory the WebAssembly cap does not see (the child's JavaScript heap). */
  private watchMemory(slot: Slot): void {
    const growth = this.sampleGrowth(slot);
    if (slot.job && growth > slot.job.limits.memoryBytes + this.o.memoryMarginBytes) this.core.kill(slot, "SANDBOX_MEMORY");
  }

  /** The child's RSS growth now; keeps the pool's largest growth of any request. */
  private sampleGrowth(slot: Slot): number {
    const g = slot.proc.sampleGrowth();
    if (g.peak > this.peakRunGrowth) this.peakRunGrowth = g.peak;
    return g.now;
  }

  // -- what the children say --------------------------------------------------------------

  private onDone(p: PythonProcess, frame: DoneFrame, value?: string): void {
    const slot = this.slotOf(p);
    const job = slot?.job;
    if (!slot || !job || job.payload.id !== frame.id) return this.onBroken(p, "a result for no request");
    this.sampleGrowth(slot);
    slot.runs++;
    this.lastProgress = performance.now();
    job.logs.add(frame.logs, frame.logsTruncated);
    let result: SandboxResult;
    if (!frame.ok) result = failure(childError(frame.error, job.limits), job.logs);
    else {
      try {
        result = success(value === undefined || value === "" ? null : JSON.parse(value), job.logs);
      } catch {
        result = failure(poolError("Python", "SANDBOX_CRASHED", job.limits, "the result was not valid JSON"), job.logs);
      }
    }
    this.core.complete(slot, result);
    // The child now checks its state, then says `idle`; one that never does is replaced.
    slot.timer = setTimeout(() => this.replace(slot), SETTLE_MS);
  }

  private onIdle(p: PythonProcess, info: { dirty: string; heapBytes: number }): void {
    const slot = this.slotOf(p);
    if (!slot || slot.state !== "busy" || slot.job) return this.onBroken(p, "unexpected idle frame");
    clearTimeout(slot.timer);
    clearInterval(slot.poll);
    slot.state = "idle";
    slot.lastUsed = performance.now();
    p.setActive(false);
    // Dirty (a patched module, a memory limit hit), grown, or old: replaced by a fresh restore.
    if (info.dirty || info.heapBytes - slot.baseHeap > this.o.recycleAboveBytes || slot.runs >= this.o.maxRunsPerProcess) {
      this.counters.recycled++;
      this.replace(slot);
      // A request of its app held back while it checked its state now takes a clean process.
      this.core.pump();
      return;
    }
    this.core.pump();
  }

  private onBroken(p: PythonProcess, why: string, overflowBytes?: number): void {
    const slot = this.slotOf(p);
    if (!slot) return;
    if (overflowBytes !== undefined && slot.job) {
      this.core.kill(slot, "OUTPUT_TOO_LARGE", `${p.readingValue ? "a result" : "a frame"} of ${overflowBytes}+ bytes`);
      return;
    }
    this.core.kill(slot, "SANDBOX_CRASHED", `protocol error: ${why}`);
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
      const answer = memory ? "SANDBOX_MEMORY" : "SANDBOX_CRASHED";
      this.core.count(answer);
      this.core.answer(job, answer, `exit ${code ?? signal}: ${tail}`);
    }
    if (wasStarting) this.startFailed(`a Python process exited while starting (${code ?? signal}): ${tail}`, false);
    else this.core.pump();
  }

  // -- ending processes -------------------------------------------------------------------

  /** Take a process out of service and let the pool start another. */
  private replace(slot: Slot): void {
    this.retire(slot);
    this.core.pump();
  }

  private retire(slot: Slot): void {
    if (slot.state === "dead") return;
    slot.state = "dead";
    this.core.detach(slot);
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
