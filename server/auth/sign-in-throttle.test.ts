import { APIError } from "better-auth/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { authFor, type Auth } from "./auth";
import { authConfig } from "./config";
import { THROTTLE, throttleClock } from "./sign-in-throttle";

const PASSWORD = "Right-password-1";
const ALICE = "alice@example.test";
const BOB = "bob@example.test";
const SETTINGS = { ...THROTTLE };
const CLOCK = { ...throttleClock };

let t: ReturnType<typeof createTestDb>;
let db: Db;
let auth: Auth;
let now: number;
let waits: number[];

type Answer = { ok: true } | { ok: false; status: number; code: unknown; message: unknown };

/** One sign-in through better-auth (hooks included), from an address as server/main.ts stamps it. */
async function attempt(email: string, password: string, ip = "203.0.113.7"): Promise<Answer> {
  try {
    await auth.api.signInEmail({ body: { email, password }, headers: new Headers({ "x-lathe-client-ip": ip }) });
    return { ok: true };
  } catch (e) {
    if (!(e instanceof APIError)) throw e;
    return { ok: false, status: e.statusCode, code: e.body?.code, message: e.body?.message };
  }
}

async function fail(email: string, times: number, ip?: string): Promise<void> {
  for (let i = 0; i < times; i++) expect(await attempt(email, "wrong-password-xx", ip)).toMatchObject({ ok: false, status: 401 });
}

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  auth = authFor(db, authConfig({}));
  now = Date.parse("2026-03-01T10:00:00Z");
  waits = [];
  throttleClock.now = () => now;
  throttleClock.sleep = async (ms) => void waits.push(ms);
  for (const email of [ALICE, BOB]) {
    await auth.api.createUser({ body: { email, password: PASSWORD, name: email.split("@")[0], role: "user", data: { emailVerified: true } } });
  }
});

afterEach(async () => {
  Object.assign(THROTTLE, SETTINGS);
  Object.assign(throttleClock, CLOCK);
  await t.close();
});

describe("lockout after repeated failures", () => {
  it("5 wrong passwords lock the account: then even the right password is refused with 429", async () => {
    expect(await attempt(ALICE, PASSWORD)).toEqual({ ok: true });
    await fail(ALICE, THROTTLE.accountFailures);
    const locked = await attempt(ALICE, PASSWORD);
    expect(locked).toEqual({ ok: false, status: 429, code: "SIGN_IN_LOCKED", message: "Too many failed sign-ins. Try again in 15 minutes." });
    // The lock does not touch another account.
    expect(await attempt(BOB, PASSWORD)).toEqual({ ok: true });
  });

  it("failures are slowed down, more with each one, before the lock", async () => {
    await fail(ALICE, 4);
    expect(waits).toEqual([250, 500, 750]);
  });

  it("the account lock holds from every address", async () => {
    await fail(ALICE, 3, "198.51.100.1");
    await fail(ALICE, 2, "198.51.100.2");
    expect(await attempt(ALICE, PASSWORD, "192.0.2.99")).toMatchObject({ ok: false, status: 429, code: "SIGN_IN_LOCKED" });
  });

  it("an address with too many failures is locked for every account; other addresses are not", async () => {
    THROTTLE.addressFailures = 6;
    await fail(ALICE, 3, "198.51.100.9");
    await fail("nobody@example.test", 3, "198.51.100.9");
    expect(await attempt(BOB, PASSWORD, "198.51.100.9")).toMatchObject({ ok: false, status: 429, code: "SIGN_IN_LOCKED" });
    expect(await attempt(BOB, PASSWORD, "198.51.100.10")).toEqual({ ok: true });
    expect(await attempt(ALICE, PASSWORD, "198.51.100.10")).toEqual({ ok: true });
  });

  it("an unknown email is counted and answered exactly like a wrong password", async () => {
    const known = await attempt(ALICE, "wrong-password-xx", "198.51.100.1");
    const unknown = await attempt("nobody@example.test", "wrong-password-xx", "198.51.100.2");
    expect(unknown).toEqual(known);
    expect(known).toMatchObject({ ok: false, status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
    waits = [];
    await fail(ALICE, THROTTLE.accountFailures - 1, "198.51.100.1");
    const knownWaits = waits;
    waits = [];
    await fail("nobody@example.test", THROTTLE.accountFailures - 1, "198.51.100.2");
    // Both were slowed the same way, and both are locked with the same answer.
    expect(waits).toEqual(knownWaits);
    expect(await attempt("nobody@example.test", PASSWORD, "192.0.2.1")).toEqual(await attempt(ALICE, PASSWORD, "192.0.2.2"));
    expect(await attempt("Nobody@Example.test ", PASSWORD, "192.0.2.3")).toMatchObject({ ok: false, status: 429, code: "SIGN_IN_LOCKED" });
  });

  it("a success clears the account's count", async () => {
    await fail(ALICE, THROTTLE.accountFailures - 1);
    expect(await attempt(ALICE, PASSWORD)).toEqual({ ok: true });
    await fail(ALICE, THROTTLE.accountFailures - 1);
    expect(await attempt(ALICE, PASSWORD)).toEqual({ ok: true });
  });

  it("failures older than the window are forgotten", async () => {
    await fail(ALICE, THROTTLE.accountFailures - 1);
    now += THROTTLE.windowMs + 1;
    await fail(ALICE, THROTTLE.accountFailures - 1);
    expect(await attempt(ALICE, PASSWORD)).toEqual({ ok: true });
  });

  it("the lock ends after lockMs, and the answer says how long is left", async () => {
    await fail(ALICE, THROTTLE.accountFailures);
    now += THROTTLE.lockMs - 60_000;
    expect(await attempt(ALICE, PASSWORD)).toMatchObject({ status: 429, message: "Too many failed sign-ins. Try again in 1 minute." });
    now += 60_001;
    expect(await attempt(ALICE, PASSWORD)).toEqual({ ok: true });
  });

  it("failed sign-ins are in the audit log with the address, never the password", async () => {
    await fail(ALICE, 2, "198.51.100.4");
    await attempt(ALICE, PASSWORD, "198.51.100.4");
    const rows = await db.auditEntry.findMany({ orderBy: { at: "asc" } });
    expect(rows.map((r) => r.action)).toEqual(["sign-in.failed", "sign-in.failed", "sign-in"]);
    expect(rows[0]).toMatchObject({ actorEmail: ALICE, ip: "198.51.100.4", targetType: "user" });
    expect(JSON.parse(rows[1].detail)).toEqual({ method: "password", failures: 2 });
    for (const r of rows) {
      expect(JSON.stringify(r)).not.toContain("wrong-password-xx");
      expect(JSON.stringify(r)).not.toContain(PASSWORD);
    }
  });

  it("counts whose window and lock are over are pruned at the next failure", async () => {
    await fail("someone@example.test", 1);
    now += THROTTLE.windowMs + 1;
    await fail(ALICE, 1);
    const keys = (await db.signInThrottle.findMany()).map((r) => r.key).sort();
    expect(keys).toEqual(["email:alice@example.test", "ip:203.0.113.7"]);
  });
});
