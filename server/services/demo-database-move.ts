import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ResourceSettings } from "@/engine/resources";
import type { Db } from "../db/client";
import { SQLITE_SIDECARS } from "../resources/sqlite-path";
import { configColumns, readResourceConfig } from "../storage/resources";
import { DEMO_DB_FILE } from "./demo-database";


/**
 * A complete copy of a database made by SQLite itself (a hot journal is rolled back and a WAL
 * read first, which a plain file copy would miss), written beside `to` and renamed into place,
 * so `to` either does not exist or is whole.
 */
function copyDatabase(from: string, to: string): void {
  const tmp = `${to}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const db = new Database(from, { fileMustExist: true });
  try {
    db.prepare("vacuum into ?").run(tmp);
  } finally {
    db.close();
  }
  fs.renameSync(tmp, to);
}

/**
 * Installations seeded before SQLite resources were confined kept the demo database in the data
 * folder itself, which SQLite resources may no longer open. At start, every SQLite resource that
 * points at that file is moved to the same file in the SQLite folder: the file is copied there
 * (unless a copy is already there, from a start that stopped half-way), the resources are
 * updated, then the old file is removed, only if this call made the copy. Running it again
 * changes nothing.
 */
export async function moveDemoDatabase(db: Db, opts: { dataDir: string; sqliteDir: string }): Promise<"moved" | "unchanged"> {
  const from = path.resolve(/*turbopackIgnore: true*/ opts.dataDir, DEMO_DB_FILE);
  const to = path.resolve(/*turbopackIgnore: true*/ opts.sqliteDir, DEMO_DB_FILE);
  if (from === to) return "unchanged";
  const rows = (await db.resource.findMany({ where: { kind: "sqlite" } })).flatMap((row) => {
    const stored = readResourceConfig(row);
    return stored.kind === "sqlite" && path.resolve(/*turbopackIgnore: true*/ stored.config.path) === from ? [{ id: row.id, config: stored.config }] : [];
  });
  if (rows.length === 0) return "unchanged";
  let copied = false;
  if (!fs.existsSync(to)) {
    // The resources point at a file that is gone: nothing to move, and nothing to point them at.
    if (!fs.existsSync(from)) return "unchanged";
    fs.mkdirSync(opts.sqliteDir, { recursive: true });
    copyDatabase(from, to);
    copied = true;
  }
  await db.$transaction(
    rows.map((r) =>
      db.resource.update({ where: { id: r.id }, data: configColumns(ResourceSettings.parse({ kind: "sqlite", config: { ...r.config, path: to }, secrets: {} })) }),
    ),
  );
  if (copied) for (const suffix of ["", ...SQLITE_SIDECARS]) fs.rmSync(from + suffix, { force: true });
  return "moved";
}
