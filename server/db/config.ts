import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where Lathe keeps its data. `LATHE_DATA_DIR` (default `./data`) holds the SQLite file,
 * the secret key file and run artefacts; `DATABASE_URL` overrides the database location.
 * Relative paths are resolved against the working directory, like the CLI does.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  // Not a module path: keep the bundler from tracing the whole project through it.
  return path.resolve(/*turbopackIgnore: true*/ env.LATHE_DATA_DIR || "data");
}

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  return `file:${path.join(/*turbopackIgnore: true*/ dataDir(env), "lathe.db")}`;
}

/** The file a `file:` database URL names (null for any other URL). */
export function databaseFile(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const rest = url.slice("file:".length);
  return path.resolve(/*turbopackIgnore: true*/ rest.startsWith("//") ? fileURLToPath(url) : rest.split("?")[0]);
}

/**
 * The one folder SQLite resources may open files in: `LATHE_SQLITE_DIR`, default `sqlite/` in
 * the data folder (server/resources/sqlite-path.ts enforces it).
 */
export function sqliteDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.LATHE_SQLITE_DIR || path.join(dataDir(env), "sqlite"));
}
