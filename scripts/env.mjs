// @ts-check
// The environment every Lathe process runs with: one place for the defaults that
// server/db/config.ts also applies (data folder, database URL, port).
import fs from "node:fs";
import path from "node:path";

export function latheEnv(base = process.env) {
  const dataDir = path.resolve(base.LATHE_DATA_DIR || "data");
  return {
    ...base,
    LATHE_DATA_DIR: dataDir,
    DATABASE_URL: base.DATABASE_URL || `file:${path.join(dataDir, "lathe.db")}`,
    PORT: base.PORT ?? "3000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/** @param {Record<string, string | undefined> & { LATHE_DATA_DIR: string }} env */
export function ensureDataDir(env) {
  fs.mkdirSync(env.LATHE_DATA_DIR, { recursive: true });
}
