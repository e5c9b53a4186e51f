import type { Db } from "../db/client";
import type { Caller } from "./caller";
import { SESSION_CACHE_TTL_MS, sessionCache, type SessionCache } from "./session-cache";

/** What a person may do with an app: open and run it (`use`), or build it too (`edit`). */
export type AppAccess = "use" | "edit";

/**
 * A person's access to an app, or null: admins edit every app; the creator edits theirs;
 * otherwise the strongest membership of the person or of one of their groups. A `user` never
 * edits, whatever they were given.
 */
export async function appAccess(db: Db, caller: Caller, appId: string): Promise<AppAccess | null> {
  const { user } = caller;
  if (user.role === "admin") return "edit";
  const app = await db.app.findUnique({
    where: { id: appId },
    select: {
      createdById: true,
      members: {
        where: { OR: [{ userId: user.id }, { group: { members: { some: { userId: user.id } } } }] },
        select: { access: true },
      },
    },
  });
  if (!app) return null;
  const access: AppAccess | null =
    app.createdById === user.id || app.members.some((m) => m.access === "edit") ? "edit" : app.members.length > 0 ? "use" : null;
  return access === "edit" && user.role === "user" ? "use" : access;
}

/** The ids of the apps a person may open (all of them for an admin: null). */
export async function openableAppIds(db: Db, caller: Caller): Promise<Set<string> | null> {
  const { user } = caller;
  if (user.role === "admin") return null;
  const apps = await db.app.findMany({
    where: {
      OR: [
        { createdById: user.id },
        { members: { some: { OR: [{ userId: user.id }, { group: { members: { some: { userId: user.id } } } }] } } },
      ],
    },
    select: { id: true },
  });
  return new Set(apps.map((a) => a.id));
}

interface Cached {
  access: AppAccess | null;
  aclVersion: number;
  until: number;
}

/** `appAccess` for the call path, remembered for a few seconds per person and app. */
export class AppAccessCache {
  private entries = new Map<string, Cached>();
  constructor(private readonly sessions: SessionCache = sessionCache()) {}

  async get(db: Db, caller: Caller, appId: string, now = Date.now()): Promise<AppAccess | null> {
    const key = `${caller.user.id}\u0000${caller.user.role}\u0000${appId}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > now && hit.aclVersion === this.sessions.aclVersion) return hit.access;
    const access = await appAccess(db, caller, appId);
    if (this.entries.size >= 50_000) this.entries.clear();
    this.entries.set(key, { access, aclVersion: this.sessions.aclVersion, until: now + SESSION_CACHE_TTL_MS });
    return access;
  }
}

const holder = globalThis as typeof globalThis & { __latheAppAccess?: AppAccessCache };

export function appAccessCache(): AppAccessCache {
  holder.__latheAppAccess ??= new AppAccessCache();
  return holder.__latheAppAccess;
}
