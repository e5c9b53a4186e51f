import type { ErrorCode } from "../errors";
import { failure, LogCollector, poolError, type SandboxName } from "./result";
import type { SandboxLimits, SandboxResult } from "./types";

/**
 * The executor core both sandbox pools are built on (js/pool.ts: worker threads; python/pool.ts:
 * child processes). It owns what does not depend on what a runner is: admission (a bounded
 * queue, a wait timer answering EXECUTOR_BUSY), cancellation (an aborted signal drops a queued
 * job or kills its runner), the kill deadline of a running job, the back-off after repeated
 * start failures, the waiters of `warmUp()`, the counters, and the one outcome every job ends
 * with: a `SandboxResult`. What a runner is, how one is started, chosen, sent a job, and what it
 * answers stays in the pool, behind `ExecutorHooks`.
 *
 * Every job is answered exactly once (`settle` ignores a second answer).
 */

/** The codes a pool answers on its own, without the runner's word. */
export type PoolCode = Extract<ErrorCode, "EXECUTOR_BUSY" | "RUN_CANCELLED" | "SANDBOX_TIMEOUT" | "SANDBOX_MEMORY" | "SANDBOX_CRASHED" | "OUTPUT_TOO_LARGE">;

export interface Job<P> {
  /** What the pool sends its runner (a worker message, a request line, …). */
  readonly payload: P;
  readonly limits: SandboxLimits;
  readonly signal?: AbortSignal;
  /** Logs received so far: a job stopped by the pool keeps what its runner streamed (Python). */
  readonly logs: LogCollector;
  readonly enqueuedAt: number;
  /** Whose job it is (an app id, later an API key): fair shares are counted per key. */
  readonly key: string;
}

/** The executor's view of a runner (a worker, a process): the job it runs and its kill deadline. */
export interface Runner<P> {
  job: Job<P> | null;
  killTimer?: ReturnType<typeof setTimeout>;
}

export interface ExecutorHooks<P, R extends Runner<P>> {
  /** An idle runner that may take this job now, or none. */
  pick(job: Job<P>): R | undefined;
  /** Hand the job over; the executor has already bound it to the runner and armed its kill deadline. */
  send(runner: R, job: Job<P>): void;
  /** When a running job's runner is killed, in ms after dispatch. */
  deadlineMs(job: Job<P>): number;
  /** Take a runner out of service for good and start what replaces it; the executor answers its job. */
  discard(runner: R): void;
  /** Runners ready to take a job (for `warmUp`). */
  readyCount(): number;
  /** After the queue was served: recycle, start runners… */
  afterPump?(): void;
  /** Just before a running job's runner is killed (e.g. a last memory sample). */
  beforeKill?(runner: R): void;
  /** A queued job waited `waitedMs`: how much longer it may wait (0: answer EXECUTOR_BUSY now). */
  extraWaitMs?(waitedMs: number, job: Job<P>): number;
  /**
   * Fair shares: the most jobs one key may have running while `activeKeys` keys have jobs running
   * or waiting. When set, a key at its share waits even if a runner is idle, and the queue is
   * served round-robin across keys (FIFO within a key). Unset: one FIFO queue, no shares.
   */
  sharePerKey?(activeKeys: number): number;
}

export interface ExecutorOptions {
  name: SandboxName;
  /** Runners the pool keeps (what `warmUp` waits for). */
  size: number;
  maxQueue: number;
  maxWaitMs: number;
}

export interface ExecutorCounters {
  completed: number;
  timedOut: number;
  memoryKills: number;
  cancelled: number;
  crashed: number;
  rejectedBusy: number;
}

interface Entry<P> extends Job<P> {
  resolve: (r: SandboxResult) => void;
  settled: boolean;
  waitTimer?: ReturnType<typeof setTimeout>;
  onAbort?: () => void;
}

/** Start failures in a row that are retried at once; after that the pool backs off. */
const START_RETRIES = 3;

export class Executor<P, R extends Runner<P>> {
  readonly counters: ExecutorCounters = { completed: 0, timedOut: 0, memoryKills: 0, cancelled: 0, crashed: 0, rejectedBusy: 0 };
  private readonly queue: Entry<P>[] = [];
  private readonly running = new Map<Job<P>, R>();
  private readonly runningByKey = new Map<string, number>();
  /** The key served last (round-robin starts after it). */
  private lastKey: string | undefined;
  private closed = false;
  private startFailures = 0;
  private lastStartError = "";
  private backoffTimer?: ReturnType<typeof setTimeout>;
  private readonly afterBackoff: (() => void)[] = [];
  private readonly warmWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(
    private readonly o: ExecutorOptions,
    private readonly hooks: ExecutorHooks<P, R>,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  /** Repeated start failures: new jobs are answered SANDBOX_CRASHED at once until the back-off ends. */
  get backingOff(): boolean {
    return this.backoffTimer !== undefined;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** The isolation keys (or any other property) of the jobs waiting, in order. */
  waiting(): readonly Job<P>[] {
    return this.queue;
  }

  /** Jobs of `key` running now. */
  runningOf(key: string): number {
    return this.runningByKey.get(key) ?? 0;
  }

  /**
   * Waiting jobs a runner could take now if there were one: per key, those within its share
   * (all of them without shares). What a growing pool starts runners for.
   */
  dispatchable(): number {
    if (!this.hooks.sharePerKey || this.queue.length === 0) return this.queue.length;
    const waiting = new Map<string, number>();
    for (const job of this.queue) waiting.set(job.key, (waiting.get(job.key) ?? 0) + 1);
    const share = this.hooks.sharePerKey(this.activeKeys(waiting.keys()));
    let n = 0;
    for (const [key, count] of waiting) n += Math.max(0, Math.min(count, share - this.runningOf(key)));
    return n;
  }

  submit(payload: P, limits: SandboxLimits, signal?: AbortSignal, key = ""): Promise<SandboxResult> {
    const logs = new LogCollector(limits.maxLogBytes);
    const refuse = (code: PoolCode, detail?: string) => Promise.resolve(failure(poolError(this.o.name, code, limits, detail), logs));
    if (this.closed) return refuse("EXECUTOR_BUSY", "sandbox closed");
    if (signal?.aborted) {
      this.counters.cancelled++;
      return refuse("RUN_CANCELLED");
    }
    if (this.backoffTimer) return refuse("SANDBOX_CRASHED", this.startError(this.lastStartError));
    return new Promise<SandboxResult>((resolve) => {
      const job: Entry<P> = { payload, limits, signal, logs, resolve, settled: false, enqueuedAt: performance.now(), key };
      const runner = this.queue.length === 0 && this.withinShareArriving(key) ? this.hooks.pick(job) : undefined;
      if (runner) {
        this.watchAbort(job);
        this.dispatch(runner, job);
        return;
      }
      if (this.queue.length >= this.o.maxQueue) {
        this.counters.rejectedBusy++;
        this.answer(job, "EXECUTOR_BUSY", "queue full");
        return;
      }
      this.watchAbort(job);
      this.armWait(job, this.o.maxWaitMs);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Resolves when `size` runners are ready; rejects when the sandbox closes or backs off. */
  whenReady(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("sandbox closed"));
    if (this.backoffTimer) return Promise.reject(new Error(this.startError(this.lastStartError)));
    if (this.hooks.readyCount() >= this.o.size) return Promise.resolve();
    return new Promise((resolve, reject) => this.warmWaiters.push({ resolve, reject }));
  }

  /** A runner became ready: the start-failure count starts over, waiters may be answered, the queue served. */
  runnerReady(): void {
    this.startFailures = 0;
    if (this.hooks.readyCount() >= this.o.size) for (const w of this.warmWaiters.splice(0)) w.resolve();
    this.pump();
  }

  /** Gives waiting jobs to the runners `pick` offers: in queue order, or round-robin across keys with shares. */
  pump(): void {
    if (this.closed) return;
    if (this.hooks.sharePerKey) {
      for (let next = this.nextFair(); next; next = this.nextFair()) {
        this.queue.splice(this.queue.indexOf(next.job), 1);
        this.lastKey = next.job.key;
        this.dispatch(next.runner, next.job);
      }
      this.hooks.afterPump?.();
      return;
    }
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i];
      const runner = this.hooks.pick(job);
      if (!runner) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.dispatch(runner, job);
    }
    this.hooks.afterPump?.();
  }

  /** The runner answered its job with `result`. Returns the job, or null when it had none. */
  complete(runner: R, result: SandboxResult): Job<P> | null {
    const job = this.detach(runner);
    if (!job) return null;
    this.counters.completed++;
    this.settle(job, result);
    return job;
  }

  /**
   * The runner must not finish its job (deadline, cancellation, memory, a broken protocol):
   * count it, discard the runner (the pool starts its replacement), answer the job.
   */
  kill(runner: R, code: PoolCode, detail?: string): void {
    if (runner.job) this.hooks.beforeKill?.(runner);
    const job = this.detach(runner);
    this.count(code);
    this.hooks.discard(runner);
    if (job) this.answer(job, code, detail);
  }

  /** The runner is gone (it died, or the pool retired it): unbinds and returns its job, clears its deadline. */
  detach(runner: R): Job<P> | null {
    clearTimeout(runner.killTimer);
    runner.killTimer = undefined;
    const job = runner.job;
    runner.job = null;
    if (job && this.running.delete(job)) {
      const n = this.runningOf(job.key) - 1;
      if (n > 0) this.runningByKey.set(job.key, n);
      else this.runningByKey.delete(job.key);
    }
    return job;
  }

  /** Counts a pool decision in the counters of its kind. */
  count(code: PoolCode): void {
    if (code === "SANDBOX_TIMEOUT") this.counters.timedOut++;
    else if (code === "SANDBOX_MEMORY") this.counters.memoryKills++;
    else if (code === "RUN_CANCELLED") this.counters.cancelled++;
    else if (code === "SANDBOX_CRASHED") this.counters.crashed++;
  }

  /** Answers a job with a pool error (uncounted), keeping the logs it streamed. */
  answer(job: Job<P>, code: PoolCode, detail?: string): void {
    this.settle(job, failure(poolError(this.o.name, code, job.limits, detail), job.logs));
  }

  /**
   * A runner failed to start. The first failures in a row are retried at once (true: start
   * another now); after that, or when `fatal`, waiting jobs and warm-up waiters are answered,
   * new jobs are refused, and `then` runs when the back-off (1 s, doubling, at most 30 s) ends.
   */
  startFailed(why: string, fatal: boolean, then?: () => void): boolean {
    this.lastStartError = why;
    this.startFailures++;
    if (!fatal && this.startFailures < START_RETRIES) return true;
    const detail = this.startError(why);
    for (const job of this.queue.splice(0)) this.answer(job, "SANDBOX_CRASHED", detail);
    for (const w of this.warmWaiters.splice(0)) w.reject(new Error(detail));
    if (this.closed) return false;
    if (then) this.afterBackoff.push(then);
    clearTimeout(this.backoffTimer);
    const delay = Math.min(1000 * 2 ** Math.max(0, this.startFailures - START_RETRIES), 30_000);
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = undefined;
      for (const f of this.afterBackoff.splice(0)) f();
    }, delay);
    this.backoffTimer.unref();
    return false;
  }

  /**
   * No more jobs: queued ones are answered EXECUTOR_BUSY, running ones RUN_CANCELLED (the pool
   * stops its runners after this), warm-up waiters rejected.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.backoffTimer);
    this.backoffTimer = undefined;
    this.afterBackoff.length = 0;
    for (const job of this.queue.splice(0)) this.answer(job, "EXECUTOR_BUSY", "sandbox closed");
    for (const w of this.warmWaiters.splice(0)) w.reject(new Error("sandbox closed"));
    for (const [job, runner] of [...this.running]) {
      this.detach(runner);
      this.answer(job, "RUN_CANCELLED", "sandbox closed");
    }
  }

  private startError(why: string): string {
    return `the ${this.o.name} sandbox failed to start: ${why}`;
  }

  /** Keys with jobs running, plus `waiting` (keys with jobs queued or arriving). */
  private activeKeys(waiting: Iterable<string>): number {
    const keys = new Set(this.runningByKey.keys());
    for (const k of waiting) keys.add(k);
    return keys.size;
  }

  /** Is `key` below its share (always, without shares), counting the keys running and waiting? */
  withinShare(key: string, waiting: Iterable<string> = this.queue.map((j) => j.key)): boolean {
    if (!this.hooks.sharePerKey) return true;
    return this.runningOf(key) < this.hooks.sharePerKey(this.activeKeys(waiting));
  }

  /** `withinShare` for a job arriving at an empty queue, without building the set of keys (the call path). */
  private withinShareArriving(key: string): boolean {
    if (!this.hooks.sharePerKey) return true;
    const active = this.runningByKey.size + (this.runningByKey.has(key) ? 0 : 1);
    return this.runningOf(key) < this.hooks.sharePerKey(active);
  }

  /** The next job round-robin across the waiting keys (after the last one served) whose key is within its share and gets a runner. */
  private nextFair(): { job: Entry<P>; runner: R } | undefined {
    const first = new Map<string, Entry<P>>();
    for (const job of this.queue) if (!first.has(job.key)) first.set(job.key, job);
    if (first.size === 0 || !this.hooks.sharePerKey) return undefined;
    const share = this.hooks.sharePerKey(this.activeKeys(first.keys()));
    const keys = [...first.keys()];
    const start = this.lastKey === undefined ? 0 : keys.indexOf(this.lastKey) + 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(start + i) % keys.length];
      const job = first.get(key);
      if (!job || this.runningOf(key) >= share) continue;
      const runner = this.hooks.pick(job);
      if (runner) return { job, runner };
    }
    return undefined;
  }

  private dispatch(runner: R, job: Entry<P>): void {
    clearTimeout(job.waitTimer);
    runner.job = job;
    this.running.set(job, runner);
    this.runningByKey.set(job.key, this.runningOf(job.key) + 1);
    runner.killTimer = setTimeout(() => this.kill(runner, "SANDBOX_TIMEOUT"), this.hooks.deadlineMs(job));
    this.hooks.send(runner, job);
  }

  private armWait(job: Entry<P>, ms: number): void {
    job.waitTimer = setTimeout(() => {
      const i = this.queue.indexOf(job);
      if (i < 0) return;
      const waited = performance.now() - job.enqueuedAt;
      const extra = this.hooks.extraWaitMs?.(waited, job) ?? 0;
      if (extra > 0) {
        this.armWait(job, extra);
        return;
      }
      this.queue.splice(i, 1);
      this.counters.rejectedBusy++;
      this.answer(job, "EXECUTOR_BUSY", `waited ${Math.round(waited)} ms`);
    }, ms);
  }

  private watchAbort(job: Entry<P>): void {
    if (!job.signal) return;
    job.onAbort = () => {
      const i = this.queue.indexOf(job);
      if (i >= 0) {
        this.queue.splice(i, 1);
        this.counters.cancelled++;
        this.answer(job, "RUN_CANCELLED");
        return;
      }
      const runner = this.running.get(job);
      if (runner) this.kill(runner, "RUN_CANCELLED");
    };
    job.signal.addEventListener("abort", job.onAbort, { once: true });
  }

  private settle(job: Job<P>, result: SandboxResult): void {
    // `as`: every Job this executor hands out is one of its entries (made in `submit`).
    const entry = job as Entry<P>;
    if (entry.settled) return;
    entry.settled = true;
    clearTimeout(entry.waitTimer);
    if (entry.onAbort) entry.signal?.removeEventListener("abort", entry.onAbort);
    entry.resolve(result);
  }
}
