import type { Db } from "../db/client";
import { repeatEvery, type RetentionOptions } from "./audit-retention";

export const DEFAULT_RUN_DAYS = 30;
export const DEFAULT_RUN_KEEP = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Runs deleted per statement: each is a few milliseconds of the main thread, then calls go first. */
export const RUN_PRUNE_BATCH = 200;

export interface RunRetention {
  /** Runs older than this many days are deleted. */
  days: number;
  /** Each function keeps at most this many runs (the newest; runs started in the same millisecond as the last kept one stay too). */
  keep: number;
}

function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, max: number, unit: string): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new Error(`${name} must be a whole number of ${unit} from 1 to ${max} (it is "${raw}")`);
  }
  return n;
}

/**
 * `LATHE_RUN_DAYS` (default 30) and `LATHE_RUN_KEEP` (runs kept per function, default 10,000).
 * Anything but a whole number in range throws, so a typo stops the start instead of deleting
 * the history.
 */
export function runRetention(env: Record<string, string | undefined> = process.env): RunRetention {
  return {
    days: wholeNumber(env, "LATHE_RUN_DAYS", DEFAULT_RUN_DAYS, 36_500, "days"),
    keep: wholeNumber(env, "LATHE_RUN_KEEP", DEFAULT_RUN_KEEP, 100_000_000, "runs"),
  };
}

export interface PruneOptions {
  /** Runs deleted per statement (RUN_PRUNE_BATCH by default). */
  batch?: number;
  /** Awaited between batches; by default one turn of the event loop (setImmediate), so calls and health answer in between. */
  pause?: () => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Deletes, function by function, the runs older than `days` before `now` and those beyond the
 * `keep` newest, oldest first, in batches of `batch` ids read and deleted through the
 * (functionId, startedAt) index, pausing between batches: better-sqlite3 runs on the main
 * thread, so one large DELETE would hold every call behind it. Answers how many runs went.
 */
export async function pruneRuns(db: Db, retention: RunRetention, now: Date, options: PruneOptions = {}): Promise<number> {
  const batch = options.batch ?? RUN_PRUNE_BATCH;
  const pause = options.pause ?? nextTurn;
  const ageCutoff = new Date(now.getTime() - retention.days * DAY_MS);
  const functions = await db.function.findMany({ select: { id: true } });
  let deleted = 0;
  for (const { id: functionId } of functions) {
    // The keep-th newest run's start: anything older is beyond the count.
    const last = await db.run.findFirst({ where: { functionId }, orderBy: { startedAt: "desc" }, skip: retention.keep - 1, select: { startedAt: true } });
    const cutoff = last && last.startedAt > ageCutoff ? last.startedAt : ageCutoff;
    for (;;) {
      const ids = (await db.run.findMany({ where: { functionId, startedAt: { lt: cutoff } }, orderBy: { startedAt: "asc" }, take: batch, select: { id: true } })).map((r) => r.id);
      if (ids.length === 0) break;
      deleted += (await db.run.deleteMany({ where: { id: { in: ids } } })).count;
      await pause();
      if (ids.length < batch) break;
    }
    await pause();
  }
  return deleted;
}

/** As the audit log's retention, with the size of the batches. */
export interface RunRetentionOptions extends RetentionOptions {
  prune?: PruneOptions;
}

/**
 * Prunes the run history now and then every hour (runs pile up far faster than audit entries:
 * about 5.7 GB an hour under a soak). The settings are read (and checked) before anything runs:
 * a bad value throws here, at start. One prune at a time: a tick that finds one still running
 * is skipped. A failed prune is logged and tried again the next hour; it never stops the server.
 */
export function startRunRetention(db: Db, options: RunRetentionOptions = {}): Promise<number> {
  const retention = runRetention(options.env);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((m: string) => console.error(m));
  let running: Promise<number> | null = null;
  const prune = () => {
    if (running) return Promise.resolve(0);
    running = pruneRuns(db, retention, now(), options.prune)
      .catch((err: unknown) => {
        log(`[lathe] pruning the run history failed: ${String(err)}`);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  (options.every ?? repeatEvery)(prune, HOUR_MS).unref();
  return prune();
}
