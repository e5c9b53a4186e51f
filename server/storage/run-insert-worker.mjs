// @ts-check
/**
 * The run store's thread (server/storage/run-store.ts): its own better-sqlite3 connection to the
 * database file, writing batches of runs one after another, each in one transaction. A busy
 * database (another process holds the write lock: a backup, a `sqlite3` shell) is waited out
 * here, with back-off, never on the server's main thread; there is no limit while the server
 * runs, and a deadline once it stops (`giveUpAt`). A row the database refuses (a function deleted
 * meanwhile: foreign key) fails alone; a row already there (a batch sent again after this thread
 * died) counts as stored.
 *
 *   workerData: { file, sql, busyTimeoutMs, maxBackoffMs }
 *   in:  { type: "write", id, rows } | { type: "giveUpAt", at }
 *   out: { type: "busy", id } after each busy attempt,
 *        { type: "done", id, stored, failed, errors: string[] } once per batch
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

if (!parentPort) throw new Error("run-insert-worker.mjs must run in a worker thread");
const port = parentPort;
/** @type {{ file: string; sql: string; busyTimeoutMs: number; maxBackoffMs: number }} */
const config = workerData;

/** @typedef {{ type: "write"; id: number; rows: Record<string, unknown>[] }} WriteJob */
/** @type {WriteJob[]} */
const jobs = [];
let running = false;
let giveUpAt = Number.POSITIVE_INFINITY;
/** @type {null | { insertAll: (rows: Record<string, unknown>[]) => string[]; close(): void }} */
let conn = null;

/** @param {unknown} err */
function code(err) {
  return err && typeof err === "object" && "code" in err && typeof err.code === "string" ? err.code : "";
}
/** @param {unknown} err */
const isBusy = (err) => code(err).startsWith("SQLITE_BUSY") || code(err).startsWith("SQLITE_LOCKED");

function open() {
  const db = new Database(config.file, { fileMustExist: true, timeout: config.busyTimeoutMs });
  db.exec("PRAGMA synchronous = NORMAL");
  const insert = db.prepare(config.sql);
  /** @param {Record<string, unknown>[]} rows */
  const each = (rows) => {
    /** @type {string[]} */
    const errors = [];
    for (const row of rows) {
      try {
        insert.run(row);
      } catch (err) {
        if (code(err) === "SQLITE_CONSTRAINT_PRIMARYKEY") continue; // stored before this thread died
        if (!code(err).startsWith("SQLITE_CONSTRAINT")) throw err;
        errors.push(`run ${String(row.id)}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return errors;
  };
  // IMMEDIATE: the write lock is taken at BEGIN, so a busy database fails the batch before any row.
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  /** @param {Record<string, unknown>[]} rows */
  const insertAll = (rows) => {
    begin.run();
    try {
      const errors = each(rows);
      commit.run();
      return errors;
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    }
  };
  return { insertAll, close: () => db.close() };
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {WriteJob} job */
async function store(job) {
  let backoff = 25;
  for (;;) {
    try {
      conn ??= open();
      const errors = conn.insertAll(job.rows);
      return { type: "done", id: job.id, stored: job.rows.length - errors.length, failed: errors.length, errors };
    } catch (err) {
      if (!isBusy(err)) {
        try {
          conn?.close();
        } catch {
          // already unusable
        }
        conn = null;
        const why = err instanceof Error ? err.message : String(err);
        return { type: "done", id: job.id, stored: 0, failed: job.rows.length, errors: [why] };
      }
      if (Date.now() >= giveUpAt) {
        return { type: "done", id: job.id, stored: 0, failed: job.rows.length, errors: ["the database stayed busy past the stop's limit"] };
      }
      port.postMessage({ type: "busy", id: job.id });
      await sleep(Math.min(backoff, Math.max(0, giveUpAt - Date.now())));
      backoff = Math.min(backoff * 2, config.maxBackoffMs);
    }
  }
}

async function pump() {
  if (running) return;
  running = true;
  for (let job = jobs.shift(); job; job = jobs.shift()) port.postMessage(await store(job));
  running = false;
}

port.on("message", (/** @type {WriteJob | { type: "giveUpAt"; at: number }} */ m) => {
  if (m.type === "giveUpAt") giveUpAt = m.at;
  else {
    jobs.push(m);
    void pump();
  }
});
