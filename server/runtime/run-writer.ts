import crypto from "node:crypto";
import type { RunOutcome } from "@/engine/interpreter";
import type { Db } from "../db/client";
import { prismaRunStore, type RunStore } from "../storage/run-store";
import { runRow, type RecordRunInput, type RunRow } from "../storage/runs";

export interface RunWriterOptions {
  /** How long a run may wait for others to share its batch. */
  flushMs: number;
  /** A batch this full is written at once. */
  maxBatch: number;
  /**
   * What runs waiting to be stored may hold in memory (their stored text, plus ROW_OVERHEAD
   * each); past it a run is not recorded and its call says so. Default LATHE_RUN_QUEUE_MB
   * (64 MiB).
   */
  maxPendingBytes?: number;
  /** Where batches go; default Prisma's createMany (server/runtime/engine.ts gives SQLite its thread). */
  store?: RunStore;
}

/** What a queued run costs beyond its text (the row object, its strings' headers, the batch arrays). */
const ROW_OVERHEAD = 512;
/** How long a history read waits for queued runs (flushForRead). */
const READ_WAIT_MS = 5000;
/** At most one "not recorded" line per this many ms. */
const REFUSED_LOG_EVERY_MS = 10_000;

/** How much memory runs waiting to be stored may take: LATHE_RUN_QUEUE_MB, default 64 MiB. */
export function runQueueBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.LATHE_RUN_QUEUE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 64) * 1024 * 1024;
}

/** Writer counters, for tests and diagnostics. */
export interface RunWriterStats {
  /** Runs handed over and not yet stored (queued or being written). */
  pending: number;
  pendingBytes: number;
  /** Attempts that found the database busy, since the start. */
  busyRetries: number;
  /** Runs not recorded because the queue was full (or the writer closed). */
  refused: number;
  /** Runs handed over that could not be stored. */
  failed: number;
}

/**
 * Stores runs off the call's hot path: a call gets its run id at once, and the rows are
 * written in batches, one transaction per batch, by a run store that never blocks the event loop
 * (server/storage/run-store.ts: on SQLite its own thread, which waits out a busy database with
 * back-off). Readers of the history call `flush()` first, so within this process a run is
 * visible as soon as its call has answered. Memory is bounded: past `maxPendingBytes` of runs
 * waiting (a database locked for long), `enqueue` returns null and the call answers that its run
 * was not recorded, rather than handing out an id for a run that would be lost. A crash loses at
 * most the runs still waiting, never a function or its versions.
 */
export class RunWriter {
  private queue: { row: RunRow; bytes: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** A write link not yet started: it takes whatever is queued when it starts. */
  private scheduled = false;
  private pending = 0;
  private pendingBytes = 0;
  private refused = 0;
  private failed = 0;
  private lastRefusedLog = 0;
  private closed = false;
  private readonly store: RunStore;
  private readonly maxPendingBytes: number;

  constructor(
    db: Db,
    private readonly opts: RunWriterOptions = { flushMs: 20, maxBatch: 200 },
  ) {
    this.store = opts.store ?? prismaRunStore(db);
    this.maxPendingBytes = opts.maxPendingBytes ?? runQueueBytes();
  }

  /**
   * Queues a run and returns the id it will be stored under, or null when it cannot be recorded
   * (the queue is full, or the writer is closed). Never throws on the run's documents.
   */
  enqueue(run: RecordRunInput): string | null {
    if (this.closed) return this.refuse("the server is stopping");
    const id = crypto.randomUUID();
    const row = runRow(run, id);
    const bytes = rowBytes(row);
    if (this.pendingBytes + bytes > this.maxPendingBytes) return this.refuse(`${Math.round(this.pendingBytes / 2 ** 20)} MiB of runs wait for the database`);
    this.pending++;
    this.pendingBytes += bytes;
    this.queue.push({ row, bytes });
    if (this.queue.length >= this.opts.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs);
    return id;
  }

  /**
   * Readers of the history: waits for what is queued to be stored, but at most `limitMs` (a
   * database another process keeps locked must not hang a read; reads go on in WAL mode and
   * show what is stored so far).
   */
  async flushForRead(limitMs = READ_WAIT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((r) => (timer = setTimeout(r, limitMs)))]);
    clearTimeout(timer);
  }

  /** Writes everything queued so far; resolves when it is stored (or the failure was logged). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // Batches are written one after another, so a reader's flush waits for earlier ones too.
    // While one waits on a busy database, later runs gather into the next batch.
    if (!this.scheduled) {
      this.scheduled = true;
      this.writing = this.writing.then(() => {
        this.scheduled = false;
        return this.writeQueued();
      });
    }
    return this.writing;
  }

  /**
   * Stops taking runs, stores every queued one (waiting out a busy database up to `limitMs`),
   * then stops the store's thread. Runs still not stored at the limit are logged as lost.
   */
  async close(limitMs = 30_000): Promise<void> {
    this.closed = true;
    this.store.giveUpAt(Date.now() + limitMs);
    // The store answers by the limit; the timer guards against one that cannot.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((r) => (timer = setTimeout(r, limitMs + 2000)))]);
    clearTimeout(timer);
    await this.store.close();
  }

  stats(): RunWriterStats {
    return { pending: this.pending, pendingBytes: this.pendingBytes, busyRetries: this.store.busyRetries(), refused: this.refused, failed: this.failed };
  }

  private async writeQueued(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let failed = batch.length;
    try {
      ({ failed } = await this.store.write(batch.map((q) => q.row)));
    } catch (err) {
      console.error(`[lathe] could not store ${batch.length} run(s):`, err); // a store should not throw; the chain must go on
    }
    this.failed += failed;
    this.pending -= batch.length;
    this.pendingBytes -= batch.reduce((n, q) => n + q.bytes, 0);
  }

  private refuse(why: string): null {
    this.refused++;
    const now = Date.now();
    if (now - this.lastRefusedLog >= REFUSED_LOG_EVERY_MS) {
      this.lastRefusedLog = now;
      console.error(`[lathe] runs are not being recorded (${this.refused} so far): ${why}`);
    }
    return null;
  }
}

/** A queued row's memory, roughly: its text columns plus a fixed overhead. */
function rowBytes(r: RunRow): number {
  let n = ROW_OVERHEAD;
  for (const v of Object.values(r)) if (typeof v === "string") n += v.length;
  return n;
}

/** What a caller knows about a run besides its outcome. */
export interface RunOrigin {
  functionId: string;
  appId: string;
  /** The saved version that ran; null for a test of unsaved editor state. */
  functionVersion: number | null;
  source: RecordRunInput["source"];
  input: unknown;
  userId?: string | null;
  userEmail?: string | null;
  pageId?: string | null;
  trigger?: string | null;
}

/** Queues a finished run for storage; returns its id, or null when it cannot be recorded. */
export function recordOutcome(runs: RunWriter, origin: RunOrigin, outcome: RunOutcome): string | null {
  return runs.enqueue({
    ...origin,
    status: outcome.status,
    result: outcome.result,
    error: outcome.error,
    trace: outcome.trace,
    logs: outcome.logs,
    durationMs: outcome.durationMs,
  });
}
