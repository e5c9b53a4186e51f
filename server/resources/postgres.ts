import pg from "pg";
import { EngineError } from "@/engine/errors";
import { causeMessage, errorCode, fromAbortReason, resourceFailed } from "./errors";
import { SEVERAL_STATEMENTS, statementTimeout, type SqlResult, type SqlRun } from "./sql-run";
import { jsonRows } from "./sql-values";

const WRITES = new Set(["INSERT", "UPDATE", "DELETE", "MERGE", "COPY"]);

/** A PostgreSQL error as the user's error, with the server's code, detail and hint in data. */
function fail(run: SqlRun, err: unknown, connecting: boolean): EngineError {
  if (err instanceof EngineError) return err;
  const code = errorCode(err);
  const message = causeMessage(err);
  if (code === "57014" && /statement timeout/i.test(message)) return statementTimeout(run.block, run.timeoutMs);
  if (/cannot insert multiple commands into a prepared statement/i.test(message)) return resourceFailed(run.block, SEVERAL_STATEMENTS);
  const data: Record<string, unknown> = {};
  if (code) data.code = code;
  for (const key of ["detail", "hint", "position"] as const) {
    const v: unknown = err instanceof Error ? Reflect.get(err, key) : undefined;
    if (typeof v === "string" && v) data[key] = v;
  }
  const hint = typeof data.hint === "string" ? ` (hint: ${data.hint})` : "";
  const text = connecting ? `Could not connect to PostgreSQL: ${message}` : `${message}${hint}`;
  return resourceFailed(run.block, text, { data: Object.keys(data).length ? data : undefined });
}

/**
 * One statement over the extended protocol (so the server refuses a second statement), rows
 * taken from the row events: at most `rowLimit` are kept, the rest are read and dropped.
 */
function query(client: pg.PoolClient, s: SqlRun["statements"][number], rowLimit: number): Promise<SqlResult> {
  // `queryMode` is a node-postgres option its type definitions do not list.
  const config: pg.QueryConfig & { queryMode: "extended" } = { text: s.text, values: s.params, queryMode: "extended" };
  const q = new pg.Query(config);
  const rows: unknown[] = [];
  let truncated = false;
  return new Promise<SqlResult>((resolve, reject) => {
    q.on("row", (row: unknown) => {
      if (rows.length < rowLimit) rows.push(row);
      else truncated = true;
    });
    q.on("error", reject);
    q.on("end", (result: pg.QueryResultBase) => {
      const metadata: Record<string, unknown> = {
        command: result.command,
        rowCount: rows.length,
        truncated,
        fields: (result.fields ?? []).map((f) => ({ name: f.name, dataTypeId: f.dataTypeID })),
      };
      if (WRITES.has(result.command)) metadata.changes = result.rowCount ?? 0;
      resolve({ data: jsonRows(rows), metadata });
    });
    client.query(q);
  });
}

/** Asks the server to stop the statement a connection is running (best effort). */
function cancelBackend(pool: pg.Pool, client: pg.PoolClient): void {
  const pid: unknown = Reflect.get(client, "processID");
  if (typeof pid === "number") pool.query("SELECT pg_cancel_backend($1)", [pid]).catch(() => {});
}

/**
 * Runs the statements on one pooled connection: one statement, or all of them between BEGIN
 * and COMMIT (ROLLBACK on error). When the signal aborts, the server is asked to cancel the
 * statement and the connection is destroyed rather than returned to the pool.
 */
export async function runPostgres(pool: pg.Pool, run: SqlRun): Promise<SqlResult> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw fail(run, err, true);
  }
  if (run.signal.aborted) {
    client.release();
    throw fromAbortReason(run.signal.reason, run.block);
  }
  let broken = false;
  const onAbort = () => {
    broken = true;
    cancelBackend(pool, client);
  };
  // A connection lost between two statements emits "error" on the client; unheard, it would end the process.
  const onLost = () => {
    broken = true;
  };
  client.on("error", onLost);
  run.signal.addEventListener("abort", onAbort, { once: true });
  try {
    if (run.transaction) await client.query("BEGIN");
    let last: SqlResult = { data: [], metadata: { rowCount: 0, truncated: false } };
    for (const s of run.statements) last = await query(client, s, run.rowLimit);
    if (run.transaction) await client.query("COMMIT");
    return last;
  } catch (err) {
    if (run.transaction && !broken) await client.query("ROLLBACK").catch(() => (broken = true));
    throw fail(run, err, false);
  } finally {
    run.signal.removeEventListener("abort", onAbort);
    client.off("error", onLost);
    client.release(broken);
  }
}
