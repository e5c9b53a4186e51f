import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { createTestDb } from "../db/test-db";
import { RunWriter } from "../runtime/run-writer";
import { createApp } from "../services/apps";
import { createFunction } from "../services/functions";
import { getPage } from "../services/pages";
import { getRun } from "../services/runs";
import { StoredDocumentError } from "./document";
import { openHotPath } from "./hot-path";
import { sqliteRunStore } from "./run-store";
import { loadResource, readResourceConfig } from "./resources";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

async function refusal(p: Promise<unknown>): Promise<StoredDocumentError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StoredDocumentError);
  return err as StoredDocumentError; // asserted above
}

describe("stored page trees", () => {
  it("read the version from treeVersion: the column default loads as version 1, a newer one is refused", async () => {
    const app = await createApp(db, { name: "A" });
    const page = await db.page.findFirstOrThrow({ where: { appId: app.id } });
    await db.page.update({ where: { id: page.id }, data: { tree: '{"components":[]}', treeVersion: 1 } });
    expect((await getPage(db, page.id)).tree).toEqual({ version: 1, components: [], bindings: {} });
    await db.page.update({ where: { id: page.id }, data: { treeVersion: 2 } });
    expect((await refusal(getPage(db, page.id))).message).toBe(
      "Stored page tree of page page1 cannot be read: Page tree version 2 is newer than this server understands (1)",
    );
  });

  it("refuse a tree that fails its schema or is not JSON, naming the page and the problem", async () => {
    const app = await createApp(db, { name: "A" });
    const page = await db.page.findFirstOrThrow({ where: { appId: app.id } });
    await db.page.update({ where: { id: page.id }, data: { tree: '{"components":[{"id":"c1"}]}' } });
    const err = await refusal(getPage(db, page.id));
    expect(err.message).toMatch(/^Stored page tree of page page1 cannot be read: .*components\[0\]/s);
    await db.page.update({ where: { id: page.id }, data: { tree: "{oops" } });
    expect((await refusal(getPage(db, page.id))).message).toMatch(/^Stored page tree of page page1 cannot be read: not JSON/);
  });
});

describe("stored runs", () => {
  const run = (fn: { id: string; appId: string }) => ({
    functionId: fn.id, appId: fn.appId, functionVersion: 1, source: "app" as const,
    input: {}, status: "ok" as const, result: 1, trace: [], logs: [], durationMs: 1,
  });

  it("are stamped with their version on both write paths, and one failing its schema is refused", async () => {
    const app = await createApp(db, { name: "A" });
    const fn = { id: (await createFunction(db, app.id, { name: "f" })).id, appId: app.id };
    const hot = openHotPath(`file:${t.file}`);
    try {
      const viaPrisma = new RunWriter(db, { flushMs: 10_000, maxBatch: 100 });
      const viaHot = new RunWriter(db, { flushMs: 10_000, maxBatch: 100, store: sqliteRunStore(t.file) });
      const ids = [viaPrisma.enqueue(run(fn)) ?? "", viaHot.enqueue(run(fn)) ?? ""];
      await viaPrisma.flush();
      await viaHot.close();
      expect((await db.run.findMany({ select: { schemaVersion: true } })).map((r) => r.schemaVersion)).toEqual([1, 1]);
      await db.run.update({ where: { id: ids[0] }, data: { trace: '"not a list"' } });
      expect((await refusal(getRun(db, fn.id, ids[0]))).message).toMatch(new RegExp(`^Stored run of run ${ids[0]} cannot be read: .*trace`, "s"));
      await db.run.update({ where: { id: ids[1] }, data: { schemaVersion: 7 } });
      expect((await refusal(getRun(db, fn.id, ids[1]))).message).toMatch(/Run version 7 is newer than this server understands/);
    } finally {
      hot?.close();
    }
  });
});

describe("stored resource configs", () => {
  it("migrate then validate: a config failing its kind's schema is refused, never handed to an executor", async () => {
    const workspace = await db.workspace.create({ data: { name: "W" } });
    const row = await db.resource.create({ data: { workspaceId: workspace.id, name: "r", kind: "sqlite", config: '{"path":"/tmp/a.db"}' } });
    expect(readResourceConfig(row)).toEqual({ kind: "sqlite", config: { path: "/tmp/a.db", readOnly: false, statementTimeoutMs: 30_000 } });
    await db.resource.update({ where: { id: row.id }, data: { config: '{"readOnly":"yes"}' } });
    const deps = { db, key: crypto.randomBytes(32) };
    expect((await refusal(loadResource(deps, row.id))).message).toMatch(new RegExp(`^Stored resource config of resource ${row.id} cannot be read: .*path`, "s"));
  });
});
