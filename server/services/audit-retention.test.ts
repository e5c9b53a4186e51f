import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import { DEFAULT_AUDIT_DAYS, auditRetentionDays, pruneAudit, startAuditRetention } from "./audit-retention";

let t: ReturnType<typeof createTestDb>;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

const DAY = 86_400_000;
const NOW = new Date("2026-06-30T12:00:00Z");
const before = (now: Date, days: number, extraMs = 0) => new Date(now.getTime() - days * DAY - extraMs);

async function entry(action: string, at: Date) {
  await t.db.auditEntry.create({ data: { at, action } });
}
const left = async () => (await t.db.auditEntry.findMany({ orderBy: { action: "asc" } })).map((e) => e.action);

describe("LATHE_AUDIT_DAYS", () => {
  it("defaults to 365 and takes a whole number of days", () => {
    expect(auditRetentionDays({})).toBe(DEFAULT_AUDIT_DAYS);
    expect(auditRetentionDays({ LATHE_AUDIT_DAYS: "" })).toBe(365);
    expect(auditRetentionDays({ LATHE_AUDIT_DAYS: " 30 " })).toBe(30);
  });

  it("refuses anything else with a message naming the variable, before the retention starts", () => {
    for (const bad of ["0", "-5", "1.5", "30d", "abc", "1e3", "99999"]) {
      expect(() => auditRetentionDays({ LATHE_AUDIT_DAYS: bad }), bad).toThrow(/LATHE_AUDIT_DAYS must be a whole number of days from 1 to 36500 \(it is/);
    }
    let scheduled = false;
    const every = () => {
      scheduled = true;
      return { unref() {} };
    };
    expect(() => startAuditRetention(t.db, { env: { LATHE_AUDIT_DAYS: "a year" }, every })).toThrow(/LATHE_AUDIT_DAYS/);
    expect(scheduled).toBe(false);
  });
});

describe("pruning", () => {
  it("deletes the entries older than the retention at the given clock and keeps the rest", async () => {
    await entry("400 days", before(NOW, 400));
    await entry("just over 30 days", before(NOW, 30, 1));
    await entry("exactly 30 days", before(NOW, 30));
    await entry("29 days", before(NOW, 29));
    await entry("now", NOW);
    expect(await pruneAudit(t.db, 30, NOW)).toBe(2);
    expect(await left()).toEqual(["29 days", "exactly 30 days", "now"]);
  });

  it("prunes at start, then once a day on an unref'd timer, with the clock it is given", async () => {
    let clock = NOW;
    let task: (() => Promise<number>) | null = null;
    let interval = 0;
    let unrefd = false;
    const every = (t: () => Promise<number>, ms: number) => {
      task = t;
      interval = ms;
      return { unref: () => (unrefd = true) };
    };
    await entry("old", before(NOW, 8));
    await entry("recent", before(NOW, 6));
    const first = startAuditRetention(t.db, { env: { LATHE_AUDIT_DAYS: "7" }, now: () => clock, every });
    expect(interval).toBe(DAY);
    expect(unrefd).toBe(true);
    expect(await first).toBe(1);
    expect(await left()).toEqual(["recent"]);

    clock = new Date(NOW.getTime() + 2 * DAY); // two days on, "recent" is 8 days old
    expect(task).not.toBeNull();
    expect(await task!()).toBe(1);
    expect(await left()).toEqual([]);
  });

  it("logs a failed prune and carries on", async () => {
    const logged: string[] = [];
    await t.db.$disconnect();
    const broken = { auditEntry: { deleteMany: () => Promise.reject(new Error("disk full")) } } as unknown as typeof t.db; // only deleteMany is used
    expect(await startAuditRetention(broken, { env: {}, every: () => ({ unref() {} }), log: (m) => logged.push(m) })).toBe(0);
    expect(logged).toEqual(["[lathe] pruning the audit log failed: Error: disk full"]);
  });
});
