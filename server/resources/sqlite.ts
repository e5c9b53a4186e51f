import fs from "node:fs";
import Database from "better-sqlite3";
import { EngineError } from "@/engine/errors";
import type { ResourceSettingsOf } from "@/engine/resources";
import { causeMessage, errorCode, resourceFailed } from "./errors";
import { SEVERAL_STATEMENTS, statementTimeout, type SqlResult, type SqlRun } from "./sql-run";
import { bigintValue, jsonRows } from "./sql-values";
import { compiledRefusal, tokenRefusal } from "./sqlite-guard";
import { MEMORY, resolveSqlitePath } from "./sqlite-path";

type SqliteConfig = ResourceSettingsOf<"sqlite">["config"];

/**
 * SQLite waits for a lock by blocking the server's event loop (better-sqlite3 is synchronous),
 * so the busy timeout is capped well under the statement timeout's range.
 */
export const MAX_BUSY_MS = 2_000;
/** Rows read between two looks at the clock. */
const CLOCK_EVERY = 256;

export class SqliteOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqliteOpenError";
  }
}

/** The resource's path is outside the SQLite folder or one of Lathe's own files (sqlite-path.ts). */
export class SqlitePathRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlitePathRefused";
  }
}

/**
 * Opens an existing database file (never creates one) under the SQLite folder, by its checked
 * real path. A read-only resource's connection is opened read-only (SQLITE_OPEN_READONLY);
 * `:memory:`, which cannot be, is made query-only.
 */
export function openSqlite(config: SqliteConfig, opts: { readonly?: boolean } = {}): Database {
  const target = resolveSqlitePath(config.path);
  if (!target.ok) throw new SqlitePathRefused(target.reason);
  const readonly = opts.readonly ?? config.readOnly;
  const timeout = Math.min(config.statementTimeoutMs, MAX_BUSY_MS);
  if (target.file === MEMORY) {
    const db = new Database(MEMORY, { timeout });
    if (readonly) db.exec("pragma query_only = on");
    return db;
  }
  if (!target.exists) throw new SqliteOpenError(`The SQLite file ${config.path} does not exist`);
  if (!fs.statSync(target.file).isFile()) throw new SqliteOpenError(`The SQLite path ${config.path} is not a file`);
  try {
    return new Database(target.file, { readonly, fileMustExist: true, timeout });
  } catch (err) {
    throw new SqliteOpenError(`The SQLite file ${config.path} cannot be opened: ${causeMessage(err)}`);
  }
}

/** A statement SQLite must not run on a resource (sqlite-guard.ts). */
export function sqlRefused(block: string, message: string): EngineError {
  return new EngineError("SQL_REFUSED", message, { block });
}

function fail(run: SqlRun, err: unknown): Error {
  const message = causeMessage(err);
  if (/more than one statement/i.test(message)) return resourceFailed(run.block, SEVERAL_STATEMENTS);
  if (errorCode(err) === "SQLITE_READONLY") return resourceFailed(run.block, `The SQLite resource is read-only: ${message}`);
  const code = errorCode(err);
  return resourceFailed(run.block, message, { data: code ? { code } : undefined });
}

function runOne(db: Database, s: SqlRun["statements"][number], run: SqlRun, readOnly: boolean): SqlResult {
  const stmt = db.prepare(s.text).safeIntegers(true);
  const compiled = compiledRefusal(db, s.text, s.params);
  if (compiled) throw sqlRefused(run.block, compiled);
  if (readOnly && !stmt.readonly) {
    throw resourceFailed(run.block, "The SQLite resource is read-only and this statement writes; an admin can turn off read-only in the resource's settings");
  }
  if (!stmt.reader) {
    const info = stmt.run(...s.params);
    const lastInsertRowid = typeof info.lastInsertRowid === "bigint" ? bigintValue(info.lastInsertRowid) : info.lastInsertRowid;
    return { data: [], metadata: { rowCount: 0, changes: info.changes, lastInsertRowid, truncated: false } };
  }
  const fields = stmt.columns().map((c) => ({ name: c.name, type: c.type }));
  let rows: unknown[];
  let truncated = false;
  if (!stmt.readonly) {
    // INSERT … RETURNING: stopping early would stop the write half-way.
    rows = stmt.all(...s.params);
    truncated = rows.length > run.rowLimit;
    rows = rows.slice(0, run.rowLimit);
  } else {
    rows = [];
    for (const row of stmt.iterate(...s.params)) {
      if (rows.length === run.rowLimit) {
        truncated = true;
        break;
      }
      rows.push(row);
      if (rows.length % CLOCK_EVERY === 0 && Date.now() > run.deadline) throw statementTimeout(run.block, run.timeoutMs);
    }
  }
  return { data: jsonRows(rows), metadata: { rowCount: rows.length, truncated, fields } };
}

/**
 * Runs the statements on a better-sqlite3 handle, synchronously: one statement, or all of them
 * in one transaction (rolled back on any error). Data is the last statement's rows. A statement
 * that would reach another file, load an extension or change the connection is refused
 * (SQL_REFUSED, sqlite-guard.ts).
 */
export function runSqlite(db: Database, run: SqlRun, readOnly: boolean): SqlResult {
  // Every statement's text before any is prepared: some PRAGMAs act while being prepared.
  for (const s of run.statements) {
    const refused = tokenRefusal(s.text);
    if (refused) throw sqlRefused(run.block, refused);
  }
  const all = (): SqlResult => {
    let last: SqlResult = { data: [], metadata: { rowCount: 0, truncated: false } };
    for (const s of run.statements) {
      if (Date.now() > run.deadline) throw statementTimeout(run.block, run.timeoutMs);
      last = runOne(db, s, run, readOnly);
    }
    return last;
  };
  try {
    return run.transaction ? db.transaction(all)() : all();
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw fail(run, err);
  }
}
