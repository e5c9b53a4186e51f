import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import { recordAudit } from "../storage/audit";
import { listAudit } from "./audit";
import { ServiceError } from "./errors";

let t: ReturnType<typeof createTestDb>;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

const at = (iso: string) => new Date(iso);

async function entry(when: string, action: string, actorEmail: string | null, targetId: string | null = null, detail: Record<string, unknown> = {}) {
  await t.db.auditEntry.create({ data: { at: at(when), action, actorEmail, targetId, targetType: targetId ? "function" : null, detail: JSON.stringify(detail) } });
}

async function seed() {
  await entry("2026-03-01T09:00:00Z", "sign-in", "ada@lathe.test");
  await entry("2026-03-01T10:00:00Z", "function.create", "ada@lathe.test", "fn1", { name: "getOrders" });
  await entry("2026-03-02T10:00:00Z", "function.save", "Bob@Lathe.test", "fn1", { name: "getOrders", version: 2 });
  await entry("2026-03-03T23:30:00Z", "function.saved-elsewhere", "bob@lathe.test", "fn2");
  await entry("2026-03-04T08:00:00Z", "app.rename", "ada@lathe.test", "app1");
}

describe("listAudit", () => {
  it("lists newest first, with the stored detail", async () => {
    await seed();
    const list = await listAudit(t.db, {});
    expect(list.entries.map((e) => e.action)).toEqual(["app.rename", "function.saved-elsewhere", "function.save", "function.create", "sign-in"]);
    expect(list.entries[2]).toMatchObject({ at: "2026-03-02T10:00:00.000Z", actorEmail: "Bob@Lathe.test", targetType: "function", targetId: "fn1", detail: { name: "getOrders", version: 2 } });
    expect(list).toMatchObject({ page: 1, pageSize: 50, hasMore: false });
  });

  it("filters by exact action, by prefix (a trailing dot or star), by actor email part, by target", async () => {
    await seed();
    const actions = async (q: Record<string, string>) => (await listAudit(t.db, q)).entries.map((e) => e.action);
    expect(await actions({ action: "function.save" })).toEqual(["function.save"]);
    expect(await actions({ action: "function." })).toEqual(["function.saved-elsewhere", "function.save", "function.create"]);
    expect(await actions({ action: "function.save*" })).toEqual(["function.saved-elsewhere", "function.save"]);
    expect(await actions({ action: "function" })).toEqual([]);
    expect(await actions({ actor: "bob@" })).toEqual(["function.saved-elsewhere", "function.save"]);
    expect(await actions({ target: "fn1" })).toEqual(["function.save", "function.create"]);
    expect(await actions({ action: "function.", actor: "ada", target: "fn1" })).toEqual(["function.create"]);
    expect(await actions({ action: "", actor: "" })).toHaveLength(5); // a form's blank fields
  });

  it("filters by time: from inclusive, to exclusive, and a date-only `to` takes in its whole day", async () => {
    await seed();
    const actions = async (q: Record<string, string>) => (await listAudit(t.db, q)).entries.map((e) => e.action);
    expect(await actions({ from: "2026-03-02T10:00:00Z" })).toEqual(["app.rename", "function.saved-elsewhere", "function.save"]);
    expect(await actions({ to: "2026-03-02T10:00:00Z" })).toEqual(["function.create", "sign-in"]);
    expect(await actions({ from: "2026-03-02", to: "2026-03-03" })).toEqual(["function.saved-elsewhere", "function.save"]);
    expect(await actions({ from: "2026-03-02T11:00:00+01:00", to: "2026-03-03T00:00:00+00:00" })).toEqual(["function.save"]);
  });

  it("pages newest first without overlap or gap, and says whether more follows", async () => {
    for (let i = 0; i < 7; i++) await entry(`2026-04-01T10:00:0${i}Z`, "page.save", "ada@lathe.test", `p${i}`);
    // Two entries in the same millisecond still page in one fixed order.
    await entry("2026-04-01T10:00:03Z", "page.save", "ada@lathe.test", "p3b");
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const list = await listAudit(t.db, { page: String(page), pageSize: "3" });
      seen.push(...list.entries.map((e) => e.targetId ?? ""));
      expect(list.entries.length).toBe(list.hasMore ? 3 : 2);
      if (!list.hasMore) break;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen.slice(0, 3)).toEqual(["p6", "p5", "p4"]);
    expect(seen.at(-1)).toBe("p0");
    expect((await listAudit(t.db, { page: "9", pageSize: "3" })).entries).toEqual([]);
  });

  it("refuses a page size over 200 and a date it cannot read", async () => {
    await expect(listAudit(t.db, { pageSize: "201" })).rejects.toBeInstanceOf(ServiceError);
    await expect(listAudit(t.db, { from: "last tuesday" })).rejects.toMatchObject({ code: "VALIDATION", field: "from" });
  });

  it("shows an entry whose stored detail no longer reads, rather than failing the list", async () => {
    await t.db.auditEntry.create({ data: { action: "odd", detail: "{not json" } });
    await recordAudit(t.db, { action: "fine", detail: { name: "x" } });
    const list = await listAudit(t.db, {});
    expect(list.entries.map((e) => [e.action, e.detail]).sort()).toEqual([
      ["fine", { name: "x" }],
      ["odd", { unreadable: true }],
    ]);
  });
});
