import crypto from "node:crypto";
import type { RunOutcome } from "@/engine/interpreter";
import type { Db } from "../db/client";
import type { HotPath } from "../storage/hot-path";
import { insertRuns, runRow, type RecordRunInput, type RunRow } from "../storage/runs";

/**
 * Stores runs off the call's hot path: a call gets its run id at once, and the rows are
 * written in batches, one statement per batch. Readers of the history call `flush()` first,
 * so within this process a run is visible as soon as its call has answered. A crash loses at
 * most the last `flushMs` of history, never a function or its versions.
 */
export class RunWriter {
  private queue: RunRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly opts: { flushMs: number; maxBatch: number; hot?: HotPath | null } = { flushMs: 20, maxBatch: 200 },
  ) {}

  /** Queues a run and returns the id it will be stored under. */
  enqueue(run: RecordRunInput): string {
    const id = crypto.randomUUID();
    this.queue.push(runRow(run, id));
    if (this.queue.length >= this.opts.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs);
    return id;
  }

  /** Writes everything queued so far; resolves when it is stored (or the failure was logged). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.queue;
    this.queue = [];
    // Batches are written one after another, so a reader's flush waits for earlier ones too.
    this.writing = this.writing.then(async () => {
      if (batch.length === 0) return;
      try {
        await insertRuns(this.db, this.opts.hot, batch);
      } catch (err) {
        console.error(`[lathe] could not store ${batch.length} run(s):`, err);
      }
    });
    return this.writing;
  }
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

/** Queues a finished run for storage; returns its id. */
export function recordOutcome(runs: RunWriter, origin: RunOrigin, outcome: RunOutcome): string {
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
