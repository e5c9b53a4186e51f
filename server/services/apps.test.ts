import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp, deleteApp, listApps, renameApp } from "./apps";
import { rejection } from "./test-support/rejection";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

describe("apps", () => {
  it("creates an app with a first page and lists it", async () => {
    const app = await createApp(db, { name: "  Orders  " });
    expect(app.name).toBe("Orders");
    const apps = await listApps(db);
    expect(apps.map((a) => a.name)).toEqual(["Orders"]);
    expect(apps[0].pageCount).toBe(1);
    expect(apps[0].functionCount).toBe(0);
  });

  it("refuses empty, too long and duplicate names (case-insensitive)", async () => {
    expect((await rejection(createApp(db, { name: "   " }))).message).toMatch(/empty/);
    expect((await rejection(createApp(db, { name: "x".repeat(81) }))).message).toMatch(/longer than 80/);
    expect((await rejection(createApp(db, {}))).code).toBe("VALIDATION");
    await createApp(db, { name: "Orders" });
    const dup = await rejection(createApp(db, { name: "orders" }));
    expect(dup.code).toBe("CONFLICT");
    expect(dup.message).toMatch(/already exists/);
    expect(await listApps(db)).toHaveLength(1);
  });

  it("renames, keeping uniqueness, and deletes with everything in it", async () => {
    const a = await createApp(db, { name: "A" });
    await createApp(db, { name: "B" });
    expect((await rejection(renameApp(db, a.id, { name: "b" }))).code).toBe("CONFLICT");
    await renameApp(db, a.id, { name: "a" }); // same app, other case: allowed
    expect((await listApps(db)).map((x) => x.name).sort()).toEqual(["B", "a"]);
    await deleteApp(db, a.id);
    expect((await listApps(db)).map((x) => x.name)).toEqual(["B"]);
    expect(await db.page.count({ where: { appId: a.id } })).toBe(0);
    expect((await rejection(deleteApp(db, a.id))).code).toBe("NOT_FOUND");
  });
});
