import Database from "better-sqlite3";

/**
 * The two statements every call of `/api/fn` makes, as prepared SQLite statements on a second
 * connection to the same database file: reading a function's head and storing runs. Through
 * Prisma's query engine they cost 0.14 ms and 0.3–1.4 ms per row of synchronous CPU on the
 * server's one thread; here, a few microseconds. WAL lets both connections share the file.
 * Everything else (the editor, migrations) stays on Prisma.
 */
/** What a call reads of a function before running it. */
export interface FunctionHeadRow {
  id: string;
  name: string;
  appId: string;
  currentVersion: number;
}

/** A run as stored (server/storage/runs.ts builds it); the insert sets `startedAt`. */
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
  schemaVersion: number;
  userId: string | null;
  userEmail: string | null;
  pageId: string | null;
  trigger: string | null;
}

export interface HotPath {
  functionHead(id: string): FunctionHeadRow | undefined;
  insertRuns(rows: readonly RunRow[]): void;
  close(): void;
}

const RUN_COLUMNS: ReadonlyArray<keyof RunRow | "startedAt"> = [
  "id", "functionId", "appId", "functionVersion", "source", "status", "input", "output", "error", "errorCode",
  "trace", "logs", "durationMs", "startedAt", "schemaVersion", "userId", "userEmail", "pageId", "trigger",
];

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
  const insert = db.prepare(
    `INSERT INTO "Run" (${RUN_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${RUN_COLUMNS.map((c) => `@${c}`).join(", ")})`,
  );
  const insertAll = db.transaction((rows: readonly RunRow[]) => {
    const startedAt = prismaDate(new Date());
    for (const r of rows) insert.run({ ...r, startedAt });
  });
  return {
    // The row has exactly the four selected columns.
    functionHead: (id) => head.get(id) as FunctionHeadRow | undefined,
    insertRuns: (rows) => insertAll(rows),
    close: () => db.close(),
  };
}
