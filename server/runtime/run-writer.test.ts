import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp } from "../services/apps";
import { createFunction } from "../services/functions";
import { getRun, listRuns } from "../services/runs";
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
    expect(await getRun(db, fn.id, ids[1])).toMatchObject({ input: { i: 2 }, output: { i: 2 } });
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
    try {
      expect(hot.functionHead(fn.id)).toEqual({ id: fn.id, name: "f", appId: fn.appId, currentVersion: 1 });
      expect(hot.functionHead("nope")).toBeUndefined();
      const writer = new RunWriter(db, { flushMs: 10_000, maxBatch: 1000, hot });
      const first = writer.enqueue(run(1));
      await writer.flush();
      await new Promise((r) => setTimeout(r, 5));
      const second = writer.enqueue(run(2));
      await writer.flush();
      expect((await listRuns(db, fn.id, {})).map((r) => r.id)).toEqual([second, first]);
      expect(await getRun(db, fn.id, first)).toMatchObject({ input: { i: 1 }, output: { i: 1 }, source: "app" });
      expect((await listRuns(db, fn.id, { before: second })).map((r) => r.id)).toEqual([first]);
    } finally {
      hot.close();
    }
  });
});
