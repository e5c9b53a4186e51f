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
});
