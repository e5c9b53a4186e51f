import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp } from "./apps";
import {
  createFunction,
  deleteFunction,
  getFunction,
  listFunctions,
  listVersions,
  renameFunction,
  saveFunction,
} from "./functions";
import { listPages } from "./pages";
import { rejection } from "./test-support/rejection";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let appId: string;
let pageId: string;

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  appId = (await createApp(db, { name: "App" })).id;
  pageId = (await listPages(db, appId))[0].id;
});
afterEach(() => t.close());

describe("functions", () => {
  it("creates a function with a default definition as version 1", async () => {
    const f = await createFunction(db, appId, { name: "getCustomers" });
    expect(f.currentVersion).toBe(1);
    const full = await getFunction(db, f.id);
    expect(full.definition.graph.blocks.map((b) => b.type)).toEqual(["start", "code"]);
    expect(await listVersions(db, f.id)).toHaveLength(1);
  });

  it("validates names as identifiers", async () => {
    expect((await rejection(createFunction(db, appId, { name: "1abc" }))).code).toBe("VALIDATION");
    expect((await rejection(createFunction(db, appId, { name: "has space" }))).field).toBe("name");
    expect((await rejection(createFunction(db, appId, { name: "return" }))).message).toMatch(/reserved/);
  });

  it("keeps names unique per scope, and global names unique in the app", async () => {
    await createFunction(db, appId, { name: "onPage", pageId });
    expect((await rejection(createFunction(db, appId, { name: "onPage", pageId }))).code).toBe("CONFLICT");
    // A global function would shadow the page's one.
    expect((await rejection(createFunction(db, appId, { name: "onPage" }))).code).toBe("CONFLICT");
    await createFunction(db, appId, { name: "shared" });
    expect((await rejection(createFunction(db, appId, { name: "shared", pageId }))).message).toMatch(/global/);
    const other = await createApp(db, { name: "Other" });
    await createFunction(db, other.id, { name: "shared" }); // other app: fine
    expect((await listFunctions(db, appId)).map((f) => f.name)).toEqual(["onPage", "shared"]);
  });

  it("refuses a page of another app", async () => {
    const other = await createApp(db, { name: "Other" });
    const otherPage = (await listPages(db, other.id))[0].id;
    expect((await rejection(createFunction(db, appId, { name: "x", pageId: otherPage }))).code).toBe("NOT_FOUND");
  });

  it("saving twice leaves two more versions, nothing overwritten in place", async () => {
    const f = await createFunction(db, appId, { name: "fn" });
    const def = (await getFunction(db, f.id)).definition;
    const v2 = await saveFunction(db, f.id, { definition: { ...def, timeoutMs: 1000 }, baseVersion: 1 });
    const v3 = await saveFunction(db, f.id, { definition: { ...def, timeoutMs: 2000 }, baseVersion: 2 });
    expect([v2.currentVersion, v3.currentVersion]).toEqual([2, 3]);
    const versions = await db.functionVersion.findMany({ where: { functionId: f.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => JSON.parse(v.definition).timeoutMs)).toEqual([30000, 1000, 2000]);
    expect((await getFunction(db, f.id)).definition.timeoutMs).toBe(2000);
  });

  it("refuses a save based on a stale version and keeps the newer one", async () => {
    const f = await createFunction(db, appId, { name: "fn" });
    const def = (await getFunction(db, f.id)).definition;
    await saveFunction(db, f.id, { definition: { ...def, timeoutMs: 1000 }, baseVersion: 1 });
    const stale = await rejection(saveFunction(db, f.id, { definition: { ...def, timeoutMs: 5000 }, baseVersion: 1 }));
    expect(stale.code).toBe("STALE_VERSION");
    expect((await getFunction(db, f.id)).definition.timeoutMs).toBe(1000);
  });

  it("refuses an invalid definition and leaves the previous version intact", async () => {
    const f = await createFunction(db, appId, { name: "fn" });
    const bad = await rejection(saveFunction(db, f.id, { definition: { schemaVersion: 1, graph: { blocks: [{ type: "nope" }] } }, baseVersion: 1 }));
    expect(bad.code).toBe("VALIDATION");
    expect(await listVersions(db, f.id)).toHaveLength(1);
    expect((await getFunction(db, f.id)).currentVersion).toBe(1);
  });

  it("renames as a new version and deletes", async () => {
    const f = await createFunction(db, appId, { name: "a" });
    await createFunction(db, appId, { name: "b" });
    expect((await rejection(renameFunction(db, f.id, { name: "b" }))).code).toBe("CONFLICT");
    const renamed = await renameFunction(db, f.id, { name: "c" });
    expect(renamed.name).toBe("c");
    expect((await listVersions(db, f.id)).map((v) => [v.version, v.reason, v.name])).toEqual([
      [2, "rename", "c"],
      [1, "create", "a"],
    ]);
    await deleteFunction(db, f.id);
    expect((await listFunctions(db, appId)).map((x) => x.name)).toEqual(["b"]);
    expect(await db.functionVersion.count({ where: { functionId: f.id } })).toBe(0);
  });
});
