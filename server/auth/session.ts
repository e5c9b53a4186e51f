import { APIError } from "better-auth/api";
import { getDb, type Db } from "../db/client";
import { getAuth, type Auth } from "./auth";
import type { Caller } from "./caller";
import { authConfig, isRole } from "./config";
import { sessionCache, type SessionCache } from "./session-cache";

const COOKIE_NAMES = ["lathe.session_token", "__Secure-lathe.session_token"];

/** The raw value of the session cookie in a `Cookie` header, or null. */
export function sessionCookie(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (COOKIE_NAMES.includes(name)) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

export interface SessionDeps {
  db: Db;
  auth: Auth;
  cache: SessionCache;
  maxAgeSeconds: number;
  now?: () => number;
}

// The process's own dependencies, built once: this runs on every call of /api/fn, and reading
// the configuration from the environment each time was measurable there.
const holder = globalThis as typeof globalThis & { __latheSessionDeps?: SessionDeps };
function defaults(): SessionDeps {
  holder.__latheSessionDeps ??= { db: getDb(), auth: getAuth(), cache: sessionCache(), maxAgeSeconds: authConfig().maxAgeSeconds };
  return holder.__latheSessionDeps;
}

/** A session check: who is signed in, and the `Set-Cookie` values to send when better-auth renewed the session. */
export interface SessionCheck {
  caller: Caller | null;
  setCookie: string[];
}

const NO_ONE: SessionCheck = { caller: null, setCookie: [] };

/**
 * Who sent a request, from its session cookie. A cache hit costs a map lookup; a miss asks
 * better-auth (signature, expiry, the idle refresh) and reads the groups. When better-auth slides
 * the session's expiry it also renews the cookie: those `Set-Cookie` values are in the answer, for
 * the server to send on (server/http/session-refresh.ts); otherwise the browser's cookie would
 * still end one idle period after sign-in. A session older than the absolute lifetime is deleted.
 */
export async function checkSession(cookieHeader: string | null | undefined, deps: SessionDeps = defaults()): Promise<SessionCheck> {
  const cookie = sessionCookie(cookieHeader);
  if (!cookie) return NO_ONE;
  const now = deps.now?.() ?? Date.now();
  const hit = deps.cache.get(cookie, now);
  if (hit) return { caller: hit, setCookie: [] };
  let answer;
  try {
    answer = await deps.auth.api.getSession({ headers: new Headers({ cookie: cookieHeader ?? "" }), returnHeaders: true });
  } catch (err) {
    // better-auth refuses a session deleted while it was renewing it: no one is signed in.
    if (err instanceof APIError) return NO_ONE;
    throw err;
  }
  const setCookie = answer.headers.getSetCookie();
  const found = answer.response;
  if (!found) return { caller: null, setCookie };
  const { session, user } = found;
  const endsAt = new Date(session.createdAt).getTime() + deps.maxAgeSeconds * 1000;
  if (endsAt <= now) {
    await deps.db.session.deleteMany({ where: { id: session.id } });
    return NO_ONE;
  }
  const groups = await deps.db.groupMember.findMany({ where: { userId: user.id }, select: { group: { select: { name: true } } } });
  // The admin plugin's `role` field; the inferred user type does not carry plugin fields.
  const stored: unknown = "role" in user ? user.role : undefined;
  const role = isRole(stored) ? stored : "user";
  const caller: Caller = {
    user: { id: user.id, email: user.email, name: user.name, role, groups: groups.map((g) => g.group.name).sort() },
    sessionId: session.id,
  };
  deps.cache.set(cookie, caller, session.token, Math.min(endsAt, new Date(session.expiresAt).getTime()), now);
  return { caller, setCookie };
}

/** Who sent a request, from its session cookie; null when no one is signed in. */
export async function callerFromCookie(cookieHeader: string | null | undefined, deps: SessionDeps = defaults()): Promise<Caller | null> {
  return (await checkSession(cookieHeader, deps)).caller;
}

/** The caller of a Fetch API request (route handlers). */
export function callerOf(req: Request): Promise<Caller | null> {
  return callerFromCookie(req.headers.get("cookie"));
}

/**
 * Ends every session of a user (password, role or removal), in the database and in this
 * process's cache. better-auth's own set-role and set-password do not do this.
 */
export async function revokeUserSessions(db: Db, userId: string, cache: SessionCache = sessionCache()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId } });
  cache.dropUser(userId);
  return count;
}
