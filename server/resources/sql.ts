import type { QueryConfig } from "@/engine/model";
import type { QueryContext } from "@/engine/ports";
import type { ResourceSettingsOf } from "@/engine/resources";
import type { ResourceClients } from "./clients";
import { resourceFailed } from "./errors";
import { runPostgres } from "./postgres";
import { SEVERAL_STATEMENTS, type SqlResult, type SqlRun } from "./sql-run";
import { planSql, renderStatement, SqlTemplateError, type SqlDialect } from "./sql-template";
import { toSqlParam } from "./sql-values";
import { EngineError } from "@/engine/errors";
import { runSqlite, SqliteOpenError, SqlitePathRefused } from "./sqlite";

type SqlQuery = Extract<QueryConfig, { kind: "sql" }>;
type SqlSettings = ResourceSettingsOf<"postgres"> | ResourceSettingsOf<"sqlite">;

export interface SqlContext {
  resourceId: string;
  block: string;
  signal: AbortSignal;
  deadline: number;
  evaluate: QueryContext["evaluate"];
}

/**
 * A SQL query on PostgreSQL or SQLite. The statement's `{{ }}` are evaluated in one sandbox
 * call and bound as parameters (`$1…` / `?`), never spliced into the text (sql-template.ts).
 */
export async function executeSql(settings: SqlSettings, query: SqlQuery, ctx: SqlContext, clients: ResourceClients): Promise<SqlResult> {
  const dialect: SqlDialect = settings.kind;
  let plan;
  try {
    plan = planSql(query.statement, dialect);
  } catch (err) {
    if (err instanceof SqlTemplateError) throw resourceFailed(ctx.block, err.message);
    throw err;
  }
  if (plan.statements.length === 0) throw resourceFailed(ctx.block, "The SQL statement is empty");
  if (plan.statements.length > 1 && !query.transaction) throw resourceFailed(ctx.block, SEVERAL_STATEMENTS);
  const values = plan.expressions.length ? await ctx.evaluate(plan.expressions) : [];
  const params = values.map((v) => toSqlParam(v, dialect));
  const run: SqlRun = {
    statements: plan.statements.map((parts) => renderStatement(parts, params, dialect)),
    rowLimit: query.rowLimit,
    transaction: query.transaction,
    block: ctx.block,
    timeoutMs: settings.config.statementTimeoutMs,
    deadline: ctx.deadline,
    signal: ctx.signal,
  };
  if (settings.kind === "postgres") {
    let pool;
    try {
      pool = await clients.postgres(ctx.resourceId, settings);
    } catch (err) {
      throw resourceFailed(ctx.block, `Could not connect to PostgreSQL: ${err instanceof Error ? err.message : String(err)}`);
    }
    return runPostgres(pool, run);
  }
  let db;
  try {
    db = clients.sqlite(ctx.resourceId, settings);
  } catch (err) {
    if (err instanceof SqlitePathRefused) throw new EngineError("SQLITE_PATH_REFUSED", err.message, { block: ctx.block });
    if (err instanceof SqliteOpenError) throw resourceFailed(ctx.block, err.message);
    throw err;
  }
  return runSqlite(db, run, settings.config.readOnly);
}
