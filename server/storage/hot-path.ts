import Database from "better-sqlite3";

/**
 * The read every call of `/api/fn` makes, reading a function's head, as a prepared SQLite
 * statement on a second connection to the same database file: through Prisma's query engine it
 * cost 0.14 ms of synchronous CPU on the server's one thread; here, a few microseconds. This
 * connection only reads: in WAL mode a reader never waits for another process's write lock.
 * Runs are written by their own thread (run-store.ts), so no write and no busy wait happens on
 * the main thread on the call path. Everything else (the editor, migrations) stays on Prisma.
 */
/** What a call reads of a function before running it. */
export interface FunctionHeadRow {
  id: string;
  name: string;
  appId: string;
  currentVersion: number;
}

/** A run as stored (server/storage/runs.ts builds it). */
export interface RunRow {
  id: string;
  functionId: string;
  appId: string;
  functionVersion: number | null;
  source: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  errorCode: string | null;
  trace: string;
  logs: string;
  durationMs: number;
  /** When the run was recorded (its call answered), not when a busy database finally took it. */
  startedAt: Date;
  schemaVersion: number;
  userId: string | null;
  userEmail: string | null;
  pageId: string | null;
  trigger: string | null;
}

export interface HotPath {
  functionHead(id: string): FunctionHeadRow | undefined;
  close(): void;
}

/** Prisma's text form of a DateTime in SQLite, so its ordering and reads keep working. */
export function prismaDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** A hot path for a `file:` SQLite URL; null for any other database (callers fall back to Prisma). */
export function openHotPath(url: string): HotPath | null {
  if (!url.startsWith("file:")) return null;
  const db = new Database(url.slice("file:".length));
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
  const head = db.prepare('SELECT "id", "name", "appId", "currentVersion" FROM "Function" WHERE "id" = ?');
  return {
    // The row has exactly the four selected columns.
    functionHead: (id) => head.get(id) as FunctionHeadRow | undefined,
    close: () => db.close(),
  };
}
