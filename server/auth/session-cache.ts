import type { Caller } from "./caller";

/**
 * Signed-in callers by their session cookie, for a few seconds: a call of `/api/fn` then costs a
 * map lookup instead of a cookie signature check and a database read. Entries are dropped when
 * their session is deleted (sign-out, revocation) or their user changes, in this process; the
 * short lifetime bounds how long another process's change (the reset command) takes to be seen.
 */
export const SESSION_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  caller: Caller;
  token: string;
  /** When the entry stops being trusted: the TTL, or the session's own end, whichever is first. */
  until: number;
}

export class SessionCache {
  private entries = new Map<string, Entry>();
  /** Bumped by every change of who may open which app (members, groups, roles). */
  aclVersion = 0;

  get(cookie: string, now = Date.now()): Caller | null {
    const e = this.entries.get(cookie);
    if (!e) return null;
    if (now >= e.until) {
      this.entries.delete(cookie);
      return null;
    }
    return e.caller;
  }

  set(cookie: string, caller: Caller, token: string, sessionEndsAt: number, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(cookie, { caller, token, until: Math.min(now + SESSION_CACHE_TTL_MS, sessionEndsAt) });
  }

  dropToken(token: string): void {
    for (const [k, e] of this.entries) if (e.token === token) this.entries.delete(k);
  }

  dropUser(userId: string): void {
    for (const [k, e] of this.entries) if (e.caller.user.id === userId) this.entries.delete(k);
    this.aclVersion++;
  }

  /** Someone's access to an app changed: app permission answers cached elsewhere are stale. */
  bumpAcl(): void {
    this.aclVersion++;
  }

  clear(): void {
    this.entries.clear();
    this.aclVersion++;
  }
}

const holder = globalThis as typeof globalThis & { __latheSessionCache?: SessionCache };

export function sessionCache(): SessionCache {
  holder.__latheSessionCache ??= new SessionCache();
  return holder.__latheSessionCache;
}
