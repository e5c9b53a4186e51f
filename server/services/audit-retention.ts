import type { Db } from "../db/client";

export const DEFAULT_AUDIT_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `LATHE_AUDIT_DAYS`: how many days audit entries are kept (default 365). Anything but a whole
 * number of days from 1 to 36500 throws, so a typo stops the start instead of deleting the log.
 */
export function auditRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LATHE_AUDIT_DAYS?.trim();
  if (raw === undefined || raw === "") return DEFAULT_AUDIT_DAYS;
  const days = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(days) || days < 1 || days > 36_500) {
    throw new Error(`LATHE_AUDIT_DAYS must be a whole number of days from 1 to 36500 (it is "${raw}")`);
  }
  return days;
}

/** Deletes the entries older than `days` days before `now`; answers how many went. */
export async function pruneAudit(db: Db, days: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const { count } = await db.auditEntry.deleteMany({ where: { at: { lt: cutoff } } });
  return count;
}

/** How a retention job is started (the audit log's here, the runs' in run-retention.ts). */
export interface RetentionOptions {
  /** Where its settings (LATHE_AUDIT_DAYS, LATHE_RUN_DAYS…) are read; the process's environment by default. */
  env?: Record<string, string | undefined>;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Runs `task` every `ms`; the handle is unref'd so the timer never keeps the process up. */
  every?: (task: () => Promise<number>, ms: number) => { unref(): unknown };
  log?: (message: string) => void;
}

/** The default `every`: the task on an interval. */
export const repeatEvery = (task: () => Promise<number>, ms: number) => setInterval(() => void task(), ms);

/**
 * Prunes the audit log now and then once a day. The days are read (and checked) before
 * anything runs: a bad `LATHE_AUDIT_DAYS` throws here, at start. Answers the first prune.
 * A failed prune is logged and tried again the next day; it never stops the server.
 */
export function startAuditRetention(db: Db, options: RetentionOptions = {}): Promise<number> {
  const days = auditRetentionDays(options.env);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((m: string) => console.error(m));
  const prune = () =>
    pruneAudit(db, days, now()).catch((err: unknown) => {
      log(`[lathe] pruning the audit log failed: ${String(err)}`);
      return 0;
    });
  (options.every ?? repeatEvery)(prune, DAY_MS).unref();
  return prune();
}
