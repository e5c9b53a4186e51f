import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { appAccess, type AppAccess } from "../auth/app-access";
import type { Caller } from "../auth/caller";
import { callerFromCookie } from "../auth/session";
import { getDb } from "../db/client";

/**
 * The same rules as the API's routes (server/http/access.ts), for pages: who is looking, and
 * what they may do with the app the page shows. server/main.ts already sends a visitor without
 * a session to /sign-in; pages check again so they hold when Next serves them alone.
 */
export async function pageCaller(next = "/"): Promise<Caller> {
  const caller = await callerFromCookie((await headers()).get("cookie"));
  if (!caller) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return caller;
}

/** The caller and their access to `appId`; an app they may not open is not found. */
export async function pageAppAccess(appId: string, next: string): Promise<{ caller: Caller; access: AppAccess }> {
  const caller = await pageCaller(next);
  const access = await appAccess(getDb(), caller, appId);
  if (!access) notFound();
  return { caller, access };
}
