import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./config";

export type Db = PrismaClient;

/** A client on the given SQLite URL (`file:/abs/path.db`). Tests open one per database file. */
export function openDb(url: string): Db {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

// One client per server process. Next.js dev re-evaluates modules on reload, so the
// instance is kept on globalThis to avoid opening a connection per reload.
const holder = globalThis as typeof globalThis & { __latheDb?: Db };

export function getDb(): Db {
  holder.__latheDb ??= openDb(databaseUrl());
  return holder.__latheDb;
}

/**
 * SQLite settings for a server: WAL lets readers run beside the writer, and synchronous=NORMAL
 * (safe with WAL: a power cut may lose the last commits, never corrupt the file) makes a write
 * cost a fraction of a millisecond instead of an fsync.
 */
export async function tuneSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous=NORMAL");
  await db.$executeRawUnsafe("PRAGMA busy_timeout=5000");
}
