import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp, deleteApp, listApps } from "./apps";
import { DEMO_APP_NAME, seedDemoOnce } from "./seed";
import { getFunction, listFunctions } from "./functions";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

describe("demo seed", () => {
  it("seeds once, with valid functions, and never again", async () => {
    expect(await seedDemoOnce(db)).toBe("seeded");
    const [demo] = await listApps(db);
    expect(demo.name).toBe(DEMO_APP_NAME);
    const fns = await listFunctions(db, demo.id);
    expect(fns.map((f) => f.name)).toEqual(["getCustomers", "greet"]);
    for (const f of fns) expect((await getFunction(db, f.id)).definition.schemaVersion).toBe(1);
    // The user deletes the demo: a restart must not bring it back.
    await deleteApp(db, demo.id);
    expect(await seedDemoOnce(db)).toBe("skipped");
    expect(await listApps(db)).toEqual([]);
  });

  it("never seeds over user data", async () => {
    await createApp(db, { name: "Mine" });
    expect(await seedDemoOnce(db)).toBe("skipped");
    expect((await listApps(db)).map((a) => a.name)).toEqual(["Mine"]);
  });
});
