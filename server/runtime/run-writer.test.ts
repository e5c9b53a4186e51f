import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp } from "../services/apps";
import { createFunction } from "../services/functions";
import { getRun, listRuns } from "../services/runs";
import { sqliteRunStore } from "../storage/run-store";
import { holdWriteLock } from "../test-support/write-lock";
import { RunWriter } from "./run-writer";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let fn: { id: string; appId: string };
beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  const app = await createApp(db, { name: "A" });
  fn = { id: (await createFunction(db, app.id, { name: "f" })).id, appId: app.id };
});
afterEach(() => t.close());

const run = (i: number) => ({
  functionId: fn.id,
  appId: fn.appId,
  functionVersion: 1,
  source: "app" as const,
  input: { i },
  status: "ok" as const,
  result: { i },
  trace: [],
  logs: [],
  durationMs: 1,
});

describe("RunWriter", () => {
  it("hands out ids at once and stores the runs by the next flush", async () => {
    const writer = new RunWriter(db, { flushMs: 10_000, maxBatch: 1000 });
    const ids = [1, 2, 3].map((i) => writer.enqueue({ ...run(i), functionId: fn.id }));
    expect(await listRuns(db, fn.id, {})).toEqual([]);
    await writer.flush();
    expect((await listRuns(db, fn.id, {})).map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(await getRun(db, fn.id, ids[1] ?? "")).toMatchObject({ input: { i: 2 }, output: { i: 2 } });
  });

  it("writes a full batch without waiting for the timer", async () => {
    const writer = new RunWriter(db, { flushMs: 10_000, maxBatch: 2 });
    writer.enqueue(run(1));
    writer.enqueue(run(2)); // fills the batch: written now
    await writer.flush();
    expect(await db.run.count()).toBe(2);
  });

  it("logs and survives a batch that cannot be stored", async () => {
    const writer = new RunWriter(db, { flushMs: 10_000, maxBatch: 100 });
    writer.enqueue({ ...run(1), functionId: "no-such-function" }); // violates the foreign key
    await writer.flush();
    writer.enqueue(run(2));
    await writer.flush();
    expect(await db.run.count()).toBe(1);
  });
});

describe("RunWriter on the SQLite hot path", () => {
  it("stores runs through prepared statements that Prisma then reads in order", async () => {
    const { openHotPath } = await import("../storage/hot-path");
    const hot = openHotPath(`file:${t.file}`);
    if (!hot) throw new Error("a file: URL has a hot path");
    const writer = new RunWriter(db, { flushMs: 10_000, maxBatch: 1000, store: sqliteRunStore(t.file) });
    try {
      expect(hot.functionHead(fn.id)).toEqual({ id: fn.id, name: "f", appId: fn.appId, currentVersion: 1 });
      expect(hot.functionHead("nope")).toBeUndefined();
      const first = writer.enqueue(run(1));
      await writer.flush();
      await new Promise((r) => setTimeout(r, 5));
      const second = writer.enqueue(run(2));
      await writer.flush();
      expect((await listRuns(db, fn.id, {})).map((r) => r.id)).toEqual([second, first]);
      expect(await getRun(db, fn.id, first ?? "")).toMatchObject({ input: { i: 1 }, output: { i: 1 }, source: "app" });
      expect((await listRuns(db, fn.id, { before: second ?? "" })).map((r) => r.id)).toEqual([first]);
    } finally {
      hot.close();
      await writer.close();
    }
  });
});

// Issue 13, failure 2: runs were written on the main thread, and a batch that met a locked
// database was logged and lost. The store's thread waits the lock out; the queue is bounded.
describe("RunWriter against a database locked by another process", () => {
  it("keeps every run it gave an id to until the lock is gone, and stores a run written in the meantime", async () => {
    const writer = new RunWriter(db, { flushMs: 10, maxBatch: 200, store: sqliteRunStore(t.file, { busyTimeoutMs: 20, maxBackoffMs: 100 }) });
    const lock = await holdWriteLock(t.file);
    try {
      const ids = Array.from({ length: 20 }, (_, i) => writer.enqueue(run(i)));
      expect(ids.every((id) => typeof id === "string")).toBe(true);
      while (writer.stats().busyRetries < 3) await new Promise((r) => setTimeout(r, 20));
      expect(await lock.held()).toBe(true);
      expect(writer.stats()).toMatchObject({ pending: 20, refused: 0, failed: 0 });
      expect(await db.run.count()).toBe(0); // readers go on (WAL): nothing stored yet
      await writer.flushForRead(200); // a history read does not hang on the lock
      expect(await lock.held()).toBe(true);
      const later = writer.enqueue(run(99));
      await lock.release();
      await writer.flush();
      expect((await db.run.findMany({ select: { id: true } })).map((r) => r.id).sort()).toEqual([...ids, later].sort());
      expect(writer.stats()).toMatchObject({ pending: 0, pendingBytes: 0, failed: 0 });
    } finally {
      lock.kill();
      await writer.close();
    }
  });

  it("bounds what waits in memory: past the bound a run gets no id, and every id given out is stored", async () => {
    const writer = new RunWriter(db, { flushMs: 10, maxBatch: 200, maxPendingBytes: 8 * 1024, store: sqliteRunStore(t.file, { busyTimeoutMs: 20, maxBackoffMs: 100 }) });
    const lock = await holdWriteLock(t.file);
    try {
      const ids = Array.from({ length: 40 }, (_, i) => writer.enqueue({ ...run(i), input: { i, pad: "x".repeat(500) } }));
      const given = ids.filter((id): id is string => id !== null);
      expect(given.length).toBeGreaterThan(0);
      expect(given.length).toBeLessThan(40);
      expect(ids.slice(given.length).every((id) => id === null)).toBe(true); // refused from the bound on
      expect(writer.stats().refused).toBe(40 - given.length);
      expect(writer.stats().pendingBytes).toBeLessThanOrEqual(8 * 1024);
      await lock.release();
      await writer.flush();
      expect((await db.run.findMany({ select: { id: true } })).map((r) => r.id).sort()).toEqual([...given].sort());
      expect(writer.enqueue(run(100))).toEqual(expect.any(String)); // room again
    } finally {
      lock.kill();
      await writer.close();
    }
  });

  it("close() stores what is queued, gives up on a database still busy at its limit, and refuses later runs", async () => {
    const writer = new RunWriter(db, { flushMs: 10_000, maxBatch: 200, store: sqliteRunStore(t.file, { busyTimeoutMs: 20, maxBackoffMs: 50 }) });
    writer.enqueue(run(1));
    await writer.close(5000);
    expect(await db.run.count()).toBe(1);
    expect(writer.enqueue(run(2))).toBeNull();

    const stuck = new RunWriter(db, { flushMs: 10_000, maxBatch: 200, store: sqliteRunStore(t.file, { busyTimeoutMs: 20, maxBackoffMs: 50 }) });
    const lock = await holdWriteLock(t.file);
    try {
      stuck.enqueue(run(3));
      await stuck.close(300);
      expect(await lock.held()).toBe(true);
      expect(stuck.stats()).toMatchObject({ pending: 0, failed: 1 });
    } finally {
      lock.kill();
    }
    expect(await db.run.count()).toBe(1);
  });

  it("a deeply nested input is stored as the truncated marker, never a throw", async () => {
    const writer = new RunWriter(db, { flushMs: 10_000, maxBatch: 200, store: sqliteRunStore(t.file) });
    const deep = JSON.parse(`${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`) as unknown;
    const id = writer.enqueue({ ...run(1), input: { deep } });
    await writer.close();
    expect(await getRun(db, fn.id, id ?? "")).toMatchObject({ input: { truncated: true, size: expect.any(Number) } });
  });
});
