import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDb, type Db } from "./client";

/** A fresh, migrated SQLite file for one test. Call `close()` in afterEach. */
export function createTestDb(): { db: Db; file: string; close(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-db-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(inject("templateDb"), file);
  const db = openDb(`file:${file}`);
  return {
    db,
    file,
    async close() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
