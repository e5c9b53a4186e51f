import { EngineError } from "@/engine/errors";
import type { QueryResult } from "@/engine/ports";

/** What a SQL executor receives: statements with their placeholders and parameters bound. */
export interface SqlRun {
  statements: { text: string; params: unknown[] }[];
  rowLimit: number;
  transaction: boolean;
  block: string;
  /** The resource's statement timeout, for messages. */
  timeoutMs: number;
  /** Date.now() past which a SQLite read stops (better-sqlite3 cannot be interrupted). */
  deadline: number;
  signal: AbortSignal;
}

export type SqlResult = QueryResult & { metadata: Record<string, unknown> };

/** The same words whoever noticed it: our splitter, PostgreSQL or SQLite. */
export const SEVERAL_STATEMENTS =
  'The SQL holds several statements. Run one statement per query, or turn on the query\'s "transaction" option to run them all in one transaction';

export function statementTimeout(block: string, timeoutMs: number): EngineError {
  return new EngineError("BLOCK_TIMEOUT", `"${block}" timed out after ${timeoutMs} ms (the resource's statement timeout)`, { block, data: { timeoutMs } });
}
