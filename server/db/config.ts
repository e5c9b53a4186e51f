import path from "node:path";

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
