import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import { createApp } from "./apps";
import { createFunction } from "./functions";
import { DEFAULT_RUN_DAYS, DEFAULT_RUN_KEEP, pruneRuns, runRetention, startRunRetention } from "./run-retention";

// Issue 13, failure 8: nothing deleted old runs (1.15 GB after a soak). Runs older than
// LATHE_RUN_DAYS and beyond LATHE_RUN_KEEP per function go, in batches that let calls through.
let t: ReturnType<typeof createTestDb>;
let appId: string;
beforeEach(async () => {
  t = createTestDb();
  appId = (await createApp(t.db, { name: "A" })).id;
});
afterEach(() => t.close());

const DAY = 86_400_000;
const NOW = new Date("2026-06-30T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

async function fn(name: string): Promise<string> {
  return (await createFunction(t.db, appId, { name })).id;
}

/** `n` runs of a function, one a minute back from `newest`, the trigger naming each ("r0" the newest). */
async function runs(functionId: string, n: number, newest: Date = NOW): Promise<void> {
  await t.db.run.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      functionId,
      appId,
      status: "ok",
      source: "app",
      input: "{}",
      durationMs: 1,
      startedAt: new Date(newest.getTime() - i * 60_000),
      trigger: `r${i}`,
    })),
  });
}

const triggers = async (functionId: string) =>
  (await t.db.run.findMany({ where: { functionId }, orderBy: { startedAt: "desc" }, select: { trigger: true } })).map((r) => r.trigger);

describe("LATHE_RUN_DAYS and LATHE_RUN_KEEP", () => {
  it("default to 30 days and 10,000 runs per function, and take whole numbers", () => {
    expect(runRetention({})).toEqual({ days: DEFAULT_RUN_DAYS, keep: DEFAULT_RUN_KEEP });
    expect(runRetention({ LATHE_RUN_DAYS: " 7 ", LATHE_RUN_KEEP: "500" })).toEqual({ days: 7, keep: 500 });
    expect(runRetention({ LATHE_RUN_DAYS: "", LATHE_RUN_KEEP: "" })).toEqual({ days: 30, keep: 10_000 });
  });

  it("refuse anything else with a message naming the variable, before the retention starts", () => {
    for (const bad of ["0", "-5", "1.5", "30d", "abc", "1e3", "99999"]) {
      expect(() => runRetention({ LATHE_RUN_DAYS: bad }), bad).toThrow(/LATHE_RUN_DAYS must be a whole number of days from 1 to 36500 \(it is/);
    }
    for (const bad of ["0", "ten", "2.5", "100000001"]) {
      expect(() => runRetention({ LATHE_RUN_KEEP: bad }), bad).toThrow(/LATHE_RUN_KEEP must be a whole number of runs from 1 to 100000000 \(it is/);
    }
    let scheduled = false;
    const every = () => {
      scheduled = true;
      return { unref() {} };
    };
    expect(() => startRunRetention(t.db, { env: { LATHE_RUN_KEEP: "all" }, every })).toThrow(/LATHE_RUN_KEEP/);
    expect(scheduled).toBe(false);
  });
});

describe("pruning runs", () => {
  it("deletes runs older than the days, and beyond the count of each function, and keeps the rest", async () => {
    const [busy, quiet, old] = [await fn("busy"), await fn("quiet"), await fn("old")];
    await runs(busy, 12); // r0…r11, a minute apart: keep 5 → r0…r4
    await runs(quiet, 3); // under the count, all recent
    await runs(old, 2, ago(30 * DAY)); // r0 exactly 30 days old (kept), r1 a minute over
    await t.db.run.create({ data: { functionId: old, appId, status: "ok", source: "app", input: "{}", durationMs: 1, startedAt: ago(400 * DAY), trigger: "ancient" } });
    expect(await pruneRuns(t.db, { days: 30, keep: 5 }, NOW, { batch: 4 })).toBe(7 + 1 + 1);
    expect(await triggers(busy)).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    expect(await triggers(quiet)).toEqual(["r0", "r1", "r2"]);
    expect(await triggers(old)).toEqual(["r0"]);
    expect(await pruneRuns(t.db, { days: 30, keep: 5 }, NOW)).toBe(0);
  });

  it("deletes in batches and lets other work through between them", async () => {
    const f = await fn("many");
    await runs(f, 1_000, ago(31 * DAY));
    let batches = 0;
    // A stand-in for calls and health: work queued on the event loop while the prune runs.
    const answered: number[] = [];
    const probe = async () => {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setImmediate(r));
        answered.push(await t.db.function.count());
      }
    };
    let pruned = false;
    const pruning = pruneRuns(t.db, { days: 30, keep: 10_000 }, NOW, {
      batch: 50,
      pause: async () => {
        batches++;
        await new Promise((r) => setImmediate(r));
      },
    }).then((n) => {
      pruned = true;
      return n;
    });
    const probed = probe().then(() => pruned);
    expect(await probed).toBe(false); // every probe answered while the prune was still going
    expect(answered).toEqual([1, 1, 1, 1, 1]);
    expect(await pruning).toBe(1_000);
    expect(batches).toBeGreaterThanOrEqual(20);
    expect(await t.db.run.count()).toBe(0);
  });

  it("prunes at start, then every hour on an unref'd timer, one prune at a time", async () => {
    const f = await fn("f");
    let clock = NOW;
    let task: (() => Promise<number>) | null = null;
    let interval = 0;
    let unrefd = false;
    const every = (t: () => Promise<number>, ms: number) => {
      task = t;
      interval = ms;
      return { unref: () => (unrefd = true) };
    };
    await runs(f, 1, ago(8 * DAY));
    await runs(f, 1, ago(6 * DAY));
    const first = startRunRetention(t.db, { env: { LATHE_RUN_DAYS: "7" }, now: () => clock, every });
    expect(interval).toBe(3_600_000);
    expect(unrefd).toBe(true);
    expect(task).not.toBeNull();
    expect(await task!()).toBe(0); // the first prune is still running: this tick is skipped
    expect(await first).toBe(1);
    clock = new Date(NOW.getTime() + 2 * DAY);
    expect(await task!()).toBe(1);
    expect(await t.db.run.count()).toBe(0);
  });

  it("logs a failed prune and carries on", async () => {
    const logged: string[] = [];
    const broken = { function: { findMany: () => Promise.reject(new Error("disk full")) } } as unknown as typeof t.db; // only function.findMany is reached
    expect(await startRunRetention(broken, { env: {}, every: () => ({ unref() {} }), log: (m) => logged.push(m) })).toBe(0);
    expect(logged).toEqual(["[lathe] pruning the run history failed: Error: disk full"]);
  });
});
