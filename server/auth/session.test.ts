import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { authFor, type Auth } from "./auth";
import { authConfig } from "./config";
import { callerFromCookie, checkSession, revokeUserSessions, sessionCookie, type SessionDeps } from "./session";
import { SESSION_CACHE_TTL_MS, SessionCache, sessionCache } from "./session-cache";

const PASSWORD = "Right-password-1";
const MAX_HOURS = 2;

let t: ReturnType<typeof createTestDb>;
let db: Db;
let auth: Auth;
let cache: SessionCache;
let now: number;
let userId: string;

function deps(): SessionDeps {
  return { db, auth, cache, maxAgeSeconds: MAX_HOURS * 3600, now: () => now };
}

/** Signs in through better-auth and returns the `Cookie` header a browser would send. */
async function signedInAt(): Promise<number> {
  const latest = await db.session.findFirst({ where: { userId }, orderBy: { createdAt: "desc" } });
  if (!latest) throw new Error("no session");
  return latest.createdAt.getTime();
}

async function signIn(email = "ada@example.test"): Promise<string> {
  const { headers } = await auth.api.signInEmail({ body: { email, password: PASSWORD }, returnHeaders: true });
  const set = headers.getSetCookie().find((c) => c.startsWith("lathe.session_token="));
  if (!set) throw new Error("no session cookie");
  return `theme=dark; ${set.split(";")[0]}`;
}

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  auth = authFor(db, authConfig({ LATHE_SESSION_MAX_HOURS: String(MAX_HOURS) }));
  cache = new SessionCache();
  now = Date.now();
  const created = await auth.api.createUser({ body: { email: "ada@example.test", password: PASSWORD, name: "Ada", role: "editor", data: { emailVerified: true } } });
  userId = created.user.id;
});

afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

describe("sessionCookie", () => {
  it("finds the session cookie, plain or __Secure-, among others", () => {
    expect(sessionCookie("a=1; lathe.session_token=abc.def; b=2")).toBe("abc.def");
    expect(sessionCookie("__Secure-lathe.session_token=xyz")).toBe("xyz");
    expect(sessionCookie("other=1")).toBeNull();
    expect(sessionCookie("lathe.session_token=")).toBeNull();
    expect(sessionCookie(null)).toBeNull();
  });
});

describe("callerFromCookie", () => {
  it("a real session gives the person, their role and their groups", async () => {
    const group = await db.group.create({ data: { name: "finance" } });
    await db.groupMember.create({ data: { groupId: group.id, userId } });
    const caller = await callerFromCookie(await signIn(), deps());
    expect(caller?.user).toEqual({ id: userId, email: "ada@example.test", name: "Ada", role: "editor", groups: ["finance"] });
    expect(caller?.sessionId).toEqual(expect.any(String));
  });

  it("no cookie, or a forged one, is no one", async () => {
    expect(await callerFromCookie(undefined, deps())).toBeNull();
    expect(await callerFromCookie("lathe.session_token=forged.token", deps())).toBeNull();
    const real = await signIn();
    const token = decodeURIComponent(sessionCookie(real) ?? "").split(".")[0];
    // The right token with a signature made up: refused (better-auth checks the HMAC).
    expect(await callerFromCookie(`lathe.session_token=${encodeURIComponent(`${token}.AAAA`)}`, deps())).toBeNull();
  });

  it("absolute expiry: a session older than LATHE_SESSION_MAX_HOURS is refused and deleted, though still within its idle time", async () => {
    const cookie = await signIn();
    now = (await signedInAt()) + MAX_HOURS * 3600_000 - 60_000;
    expect(await callerFromCookie(cookie, deps())).not.toBeNull();
    now += 60_000;
    cache.clear(); // a cached caller ends with its session too (below); this asks better-auth again
    expect(await callerFromCookie(cookie, deps())).toBeNull();
    expect(await db.session.count({ where: { userId } })).toBe(0);
  });

  it("a cached caller is not served past the session's absolute end", async () => {
    const cookie = await signIn();
    now = (await signedInAt()) + MAX_HOURS * 3600_000 - 1_000;
    expect(await callerFromCookie(cookie, deps())).not.toBeNull();
    now += 1_000;
    expect(await callerFromCookie(cookie, deps())).toBeNull();
  });

  it("idle expiry: a session better-auth let lapse (expiresAt passed) is refused", async () => {
    const cookie = await signIn();
    await db.session.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await callerFromCookie(cookie, deps())).toBeNull();
  });

  it("revocation: after revokeUserSessions the session is refused, even though the cache had it", async () => {
    const cookie = await signIn();
    const other = await signIn();
    expect(await callerFromCookie(cookie, deps())).not.toBeNull();
    expect(await revokeUserSessions(db, userId, cache)).toBe(2);
    expect(await callerFromCookie(cookie, deps())).toBeNull();
    expect(await callerFromCookie(other, deps())).toBeNull();
  });

  it("signing out (better-auth deletes the session) drops it from the process's cache", async () => {
    cache = sessionCache(); // the cache better-auth's delete hook clears
    cache.clear();
    const cookie = await signIn();
    expect(await callerFromCookie(cookie, deps())).not.toBeNull();
    await auth.api.signOut({ headers: new Headers({ cookie }) });
    expect(await callerFromCookie(cookie, deps())).toBeNull();
    cache.clear();
  });

  it("a cache hit does not ask better-auth; the entry lives SESSION_CACHE_TTL_MS", async () => {
    const getSession = vi.spyOn(auth.api, "getSession");
    const cookie = await signIn();
    const first = await callerFromCookie(cookie, deps());
    expect(getSession).toHaveBeenCalledTimes(1);
    now += SESSION_CACHE_TTL_MS - 1;
    expect(await callerFromCookie(cookie, deps())).toBe(first);
    expect(getSession).toHaveBeenCalledTimes(1);
    now += 1;
    expect(await callerFromCookie(cookie, deps())).toEqual(first);
    expect(getSession).toHaveBeenCalledTimes(2);
  });

  it("renewal: when better-auth slides the idle expiry, the check answers the renewed cookie with a fresh Max-Age", async () => {
    const cookie = await signIn();
    const fresh = await checkSession(cookie, deps());
    expect(fresh.caller?.user.email).toBe("ada@example.test");
    expect(fresh.setCookie).toEqual([]); // just signed in: nothing to renew

    // Make the session look last renewed more than updateAge ago (better-auth reads its own clock).
    const { idleSeconds } = authConfig();
    const updateAge = Math.min(Math.floor(idleSeconds / 10), 3600);
    const stale = new Date(Date.now() + (idleSeconds - updateAge - 60) * 1000);
    await db.session.updateMany({ where: { userId }, data: { expiresAt: stale } });
    cache.clear();
    const renewed = await checkSession(cookie, deps());
    expect(renewed.caller?.user.id).toBe(userId);
    const set = renewed.setCookie.find((c) => c.startsWith("lathe.session_token="));
    expect(set).toContain(`Max-Age=${idleSeconds}`);
    expect(set).toMatch(/HttpOnly/i);
    const row = await db.session.findFirstOrThrow({ where: { userId } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(stale.getTime());
    // The renewed cookie is the same session.
    expect((await callerFromCookie(`${set?.split(";")[0]}`, deps()))?.sessionId).toBe(renewed.caller?.sessionId);
  });

  it("a session deleted between the lookup and its renewal is no one, not an error", async () => {
    const cookie = await signIn();
    vi.spyOn(auth.api, "getSession").mockRejectedValueOnce(new (await import("better-auth/api")).APIError("UNAUTHORIZED"));
    expect(await checkSession(cookie, deps())).toEqual({ caller: null, setCookie: [] });
  });
});
