import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp, deleteApp, listApps } from "./apps";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { DEMO_APP_NAME, DEMO_RESOURCE_NAME, seedDemoOnce } from "./seed";
import { getFunction, listFunctions } from "./functions";
import { DEMO_DB_FILE } from "./demo-database";
import { moveDemoDatabase } from "./demo-database-move";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let dataDir: string;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-seed-"));
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("demo seed", () => {
  it("seeds once, with valid functions, and never again", async () => {
    expect(await seedDemoOnce(db, { dataDir })).toBe("seeded");
    const [demo] = await listApps(db);
    expect(demo.name).toBe(DEMO_APP_NAME);
    const fns = await listFunctions(db, demo.id);
    expect(fns.map((f) => f.name)).toEqual(["customerOrders", "deleteCustomer", "getCustomers", "greet"]);
    const [resource] = await db.resource.findMany();
    expect(resource).toMatchObject({ name: DEMO_RESOURCE_NAME, kind: "sqlite", secrets: null });
    const file = JSON.parse(resource.config).path as string;
    const demoDb = new Database(file, { readonly: true });
    expect(demoDb.prepare("SELECT count(*) AS n FROM customers").get()).toEqual({ n: 12 });
    demoDb.close();
    for (const f of fns) expect((await getFunction(db, f.id)).definition.schemaVersion).toBe(1);
    // The user deletes the demo: a restart must not bring it back.
    await deleteApp(db, demo.id);
    expect(await seedDemoOnce(db, { dataDir })).toBe("skipped");
    expect(await listApps(db)).toEqual([]);
  });

  it("never seeds over user data", async () => {
    await createApp(db, { name: "Mine" });
    expect(await seedDemoOnce(db, { dataDir })).toBe("skipped");
    expect((await listApps(db)).map((a) => a.name)).toEqual(["Mine"]);
  });

  it("puts the demo database in the SQLite folder", async () => {
    expect(await seedDemoOnce(db, { dataDir })).toBe("seeded");
    const [resource] = await db.resource.findMany();
    expect(JSON.parse(resource.config).path).toBe(path.join(dataDir, "sqlite", DEMO_DB_FILE));
    expect(fs.existsSync(path.join(dataDir, DEMO_DB_FILE))).toBe(false);
  });
});

describe("moving an older installation's demo database", () => {
  const count = (file: string) => {
    const d = new Database(file, { readonly: true });
    try {
      return d.prepare("SELECT count(*) AS n FROM customers").get();
    } finally {
      d.close();
    }
  };
  const demoPath = async () => JSON.parse((await db.resource.findFirstOrThrow()).config).path as string;

  it("moves the file into the SQLite folder with the user's changes and points the resource at it, once", async () => {
    // Seeded as before: the demo database in the data folder itself.
    await seedDemoOnce(db, { dataDir, sqliteDir: dataDir });
    const old = path.join(dataDir, DEMO_DB_FILE);
    expect(await demoPath()).toBe(old);
    const edit = new Database(old);
    edit.prepare("DELETE FROM customers WHERE id = 1").run();
    edit.close();
    const before = await db.resource.findFirstOrThrow();

    const sqliteDir = path.join(dataDir, "sqlite");
    expect(await moveDemoDatabase(db, { dataDir, sqliteDir })).toBe("moved");
    const moved = path.join(sqliteDir, DEMO_DB_FILE);
    expect(await demoPath()).toBe(moved);
    expect(count(moved)).toEqual({ n: 11 });
    expect(fs.existsSync(old)).toBe(false);
    const after = await db.resource.findFirstOrThrow();
    expect({ ...after, config: "", configVersion: 0, updatedAt: null }).toEqual({ ...before, config: "", configVersion: 0, updatedAt: null });
    expect(JSON.parse(after.config)).toEqual({ ...JSON.parse(before.config), path: moved });

    expect(await moveDemoDatabase(db, { dataDir, sqliteDir })).toBe("unchanged");
    expect(await demoPath()).toBe(moved);
    expect(count(moved)).toEqual({ n: 11 });
  });

  it("finishes a move that stopped after the copy, keeping the old file", async () => {
    await seedDemoOnce(db, { dataDir, sqliteDir: dataDir });
    const old = path.join(dataDir, DEMO_DB_FILE);
    const sqliteDir = path.join(dataDir, "sqlite");
    fs.mkdirSync(sqliteDir);
    fs.copyFileSync(old, path.join(sqliteDir, DEMO_DB_FILE));
    expect(await moveDemoDatabase(db, { dataDir, sqliteDir })).toBe("moved");
    expect(await demoPath()).toBe(path.join(sqliteDir, DEMO_DB_FILE));
    expect(fs.existsSync(old)).toBe(true);
  });

  it("leaves a new installation alone", async () => {
    await seedDemoOnce(db, { dataDir });
    const before = await demoPath();
    expect(await moveDemoDatabase(db, { dataDir, sqliteDir: path.join(dataDir, "sqlite") })).toBe("unchanged");
    expect(await demoPath()).toBe(before);
  });
});
