import type { Db } from "../db/client";
import { appAccessCache } from "../auth/app-access";
import { isAdmin, isEditor, type Caller } from "../auth/caller";
import { ServiceError } from "../services/errors";

/**
 * Who may call a route, declared by every route (`route({ access, … })`) and checked here, in
 * one place. Default deny: a route without a declaration fails server/http/route-access.test.ts,
 * which calls every route anonymously and as a `user`.
 *
 * - `anyone`: no session needed (health's liveness, setup, sign-in, invitation links).
 * - `signedIn`: any person with a session.
 * - `editor`: editors and admins (creating apps, listing resources to use in queries).
 * - `admin`: admins only (people, groups, invitations, resources' settings, the audit log).
 * - `appUse` / `appEdit`: the app named by the path (`appId`, or the app of `fnId`/`pageId`)
 *   must be one the person may open / edit. An app they may not open answers 404, as if it did
 *   not exist; one they may open but not edit answers 403.
 */
export const ACCESS_NAMES = ["anyone", "signedIn", "editor", "admin", "appUse", "appEdit"] as const;
export type Access = (typeof ACCESS_NAMES)[number];

export function isAccess(value: unknown): value is Access {
  return typeof value === "string" && (ACCESS_NAMES as readonly string[]).includes(value);
}

/** The app a route's path names: itself, or the app of the function or page it names. */
export async function appOfParams(db: Db, params: unknown): Promise<string | null> {
  if (typeof params !== "object" || params === null) return null;
  const p: Record<string, unknown> = { ...params };
  if (typeof p.appId === "string") return p.appId;
  if (typeof p.fnId === "string") return (await db.function.findUnique({ where: { id: p.fnId }, select: { appId: true } }))?.appId ?? null;
  if (typeof p.pageId === "string") return (await db.page.findUnique({ where: { id: p.pageId }, select: { appId: true } }))?.appId ?? null;
  return null;
}

function notFound(): never {
  throw new ServiceError("NOT_FOUND", "Not found");
}

/**
 * Throws unless `caller` may call a route declared with `access`, for the path `params`:
 * UNAUTHENTICATED (401) without a session, FORBIDDEN (403) for a role or an app's `use` that does
 * not allow it, NOT_FOUND (404) for an app the person may not open.
 */
export async function checkAccess(db: () => Db, access: Access, caller: Caller | null, params: unknown): Promise<void> {
  if (access === "anyone") return;
  if (!caller) throw new ServiceError("UNAUTHENTICATED", "Sign in to do this");
  switch (access) {
    case "signedIn":
      return;
    case "editor":
      if (!isEditor(caller)) throw new ServiceError("FORBIDDEN", "Only editors and admins can do this");
      return;
    case "admin":
      if (!isAdmin(caller)) throw new ServiceError("FORBIDDEN", "Only admins can do this");
      return;
    case "appUse":
    case "appEdit": {
      const appId = await appOfParams(db(), params);
      if (!appId) notFound();
      const granted = await appAccessCache().get(db(), caller, appId);
      if (!granted) notFound();
      if (access === "appEdit" && granted !== "edit") throw new ServiceError("FORBIDDEN", "You can use this app but not edit it");
      return;
    }
  }
}
