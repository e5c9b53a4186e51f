import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Db } from "../db/client";
import { prismaDate, type RunRow } from "./hot-path";

/**
 * Where the run writer (server/runtime/run-writer.ts) sends its batches. On SQLite that is a
 * worker thread with its own connection (run-insert-worker.mjs), so that no write, and no wait
 * for another process's write lock, ever runs on the server's main thread (issue 13, failure 2);
 * on any other database, Prisma's `createMany`, which is asynchronous there.
 *
 * `write` never rejects: it resolves once the batch is stored, or with the runs that could not
 * be (already logged). While the server runs, a busy database is waited out without limit (the
 * writer's queue bound says when to stop accepting runs); after `giveUpAt(time)` a batch still
 * waiting at that time fails, and `close()` stops the thread.
 */
export interface RunStore {
  write(rows: readonly RunRow[]): Promise<{ stored: number; failed: number }>;
  /** Attempts that found the database busy (another process holds its write lock), since the start. */
  busyRetries(): number;
  /** From `at` (epoch ms) on, a batch that finds the database busy fails instead of waiting. */
  giveUpAt(at: number): void;
  /** Stops: batches still in flight fail (logged), later writes fail at once. */
  close(): Promise<void>;
}

export interface SqliteRunStoreOptions {
  /** SQLite's own wait for the lock inside one attempt, in the thread. Default 100 ms. */
  busyTimeoutMs?: number;
  /** The longest pause between two attempts. Default 1000 ms. */
  maxBackoffMs?: number;
  /** The thread's script; default `<cwd>/server/storage/run-insert-worker.mjs`. */
  workerPath?: string;
}

const RUN_COLUMNS: ReadonlyArray<keyof RunRow> = [
  "id", "functionId", "appId", "functionVersion", "source", "status", "input", "output", "error", "errorCode",
  "trace", "logs", "durationMs", "startedAt", "schemaVersion", "userId", "userEmail", "pageId", "trigger",
];

/** The one statement the thread runs, named parameters per column. */
export const RUN_INSERT_SQL = `INSERT INTO "Run" (${RUN_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${RUN_COLUMNS.map((c) => `@${c}`).join(", ")})`;

/** Runtime-computed so that bundlers (Turbopack) do not try to follow and bundle the worker. */
function defaultWorkerPath(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "server", "storage", "run-insert-worker.mjs");
}

/** A run store on a SQLite file, written by its own thread. */
export function sqliteRunStore(file: string, options: SqliteRunStoreOptions = {}): RunStore {
  return new ThreadRunStore(file, options);
}

/** A run store through Prisma (databases other than SQLite): asynchronous, one try per batch. */
export function prismaRunStore(db: Db): RunStore {
  return {
    async write(rows) {
      try {
        await db.run.createMany({ data: [...rows] });
        return { stored: rows.length, failed: 0 };
      } catch (err) {
        console.error(`[lathe] could not store ${rows.length} run(s):`, err);
        return { stored: 0, failed: rows.length };
      }
    },
    busyRetries: () => 0,
    giveUpAt: () => {},
    close: async () => {},
  };
}

interface Job {
  rows: Record<string, unknown>[];
  resolve: (r: { stored: number; failed: number }) => void;
}

type FromThread = { type: "busy"; id: number } | { type: "done"; id: number; stored: number; failed: number; errors: string[] };

/** A thread that dies this many times in a row without finishing a batch is not started again. */
const MAX_RESTARTS = 5;
/** At most one "database is busy" line per this many ms. */
const BUSY_LOG_EVERY_MS = 5000;

class ThreadRunStore implements RunStore {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private busy = 0;
  private restarts = 0;
  private lastBusyLog = 0;
  private deadline: number | null = null;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly options: SqliteRunStoreOptions,
  ) {}

  busyRetries(): number {
    return this.busy;
  }

  write(rows: readonly RunRow[]): Promise<{ stored: number; failed: number }> {
    if (rows.length === 0) return Promise.resolve({ stored: 0, failed: 0 });
    // Prisma's text form of a DateTime, so that its reads and ordering keep working.
    const sqlRows = rows.map((r) => ({ ...r, startedAt: prismaDate(r.startedAt) }));
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.jobs.set(id, { rows: sqlRows, resolve });
      const worker = this.thread();
      if (!worker) return this.fail(id, "the run store's thread could not be started");
      worker.ref(); // a batch in flight keeps the process alive until it is stored
      worker.postMessage({ type: "write", id, rows: sqlRows });
    });
  }

  giveUpAt(at: number): void {
    this.deadline = at;
    this.worker?.postMessage({ type: "giveUpAt", at });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    for (const id of [...this.jobs.keys()]) this.fail(id, "the run store stopped before the database took them");
    await worker?.terminate();
  }

  private thread(): Worker | null {
    if (this.worker) return this.worker;
    if (this.closed) return null;
    let worker: Worker;
    try {
      const workerPath = this.options.workerPath ?? defaultWorkerPath();
      worker = new Worker(/* turbopackIgnore: true */ /* webpackIgnore: true */ workerPath, {
        workerData: { file: this.file, sql: RUN_INSERT_SQL, busyTimeoutMs: this.options.busyTimeoutMs ?? 100, maxBackoffMs: this.options.maxBackoffMs ?? 1000 },
      });
    } catch (err) {
      console.error("[lathe] could not start the run store's thread:", err);
      return null;
    }
    this.worker = worker;
    if (this.deadline !== null) worker.postMessage({ type: "giveUpAt", at: this.deadline });
    worker.on("message", (m: FromThread) => this.onMessage(m));
    worker.on("error", (err) => console.error("[lathe] the run store's thread failed:", err));
    worker.on("exit", () => this.onExit(worker));
    return worker;
  }

  private onMessage(m: FromThread): void {
    if (m.type === "busy") {
      this.busy++;
      const now = Date.now();
      if (now - this.lastBusyLog >= BUSY_LOG_EVERY_MS) {
        this.lastBusyLog = now;
        const waiting = [...this.jobs.values()].reduce((n, j) => n + j.rows.length, 0);
        console.warn(`[lathe] the database is busy (another process holds its write lock?): ${waiting} run(s) wait to be stored, retrying`);
      }
      return;
    }
    const job = this.jobs.get(m.id);
    if (!job) return;
    this.jobs.delete(m.id);
    this.restarts = 0;
    if (m.failed > 0) console.error(`[lathe] could not store ${m.failed} run(s): ${m.errors.slice(0, 5).join("; ")}`);
    job.resolve({ stored: m.stored, failed: m.failed });
    if (this.jobs.size === 0) this.worker?.unref();
  }

  /** A thread that died with batches in flight: a new one gets them again (rows already stored count as stored). */
  private onExit(worker: Worker): void {
    if (this.worker !== worker) return; // terminated by close()
    this.worker = null;
    if (this.jobs.size === 0) return;
    if (++this.restarts > MAX_RESTARTS) {
      for (const id of [...this.jobs.keys()]) this.fail(id, "the run store's thread keeps dying");
      return;
    }
    const next = this.thread();
    if (!next) {
      for (const id of [...this.jobs.keys()]) this.fail(id, "the run store's thread could not be started");
      return;
    }
    next.ref();
    for (const [id, job] of [...this.jobs.entries()].sort((a, b) => a[0] - b[0])) next.postMessage({ type: "write", id, rows: job.rows });
  }

  private fail(id: number, why: string): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    console.error(`[lathe] could not store ${job.rows.length} run(s): ${why}`);
    job.resolve({ stored: 0, failed: job.rows.length });
  }
}
