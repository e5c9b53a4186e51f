import type { IncomingMessage } from "node:http";
import { callerFromCookie } from "../auth/session";
import type { Db } from "../db/client";
import { hasUsers } from "../services/setup";

/** Paths any visitor may load: sign-in, setup, invitation links, the framework's assets. */
const PUBLIC_PAGES = [/^\/sign-in$/, /^\/setup$/, /^\/invite\/[^/]+$/];
const ASSETS = [/^\/_next\//, /^\/favicon\.ico$/];
/** While no one exists, only setup (and liveness) can be reached. */
const SETUP_PATHS = [/^\/setup$/, /^\/api\/setup$/, /^\/api\/health$/];

export type GateAnswer =
  | { kind: "pass" }
  | { kind: "redirect"; location: string }
  | { kind: "refuse"; code: "SETUP_REQUIRED" };

/**
 * Before any page or route: an installation with no people sends everyone to /setup; a page
 * opened without a session goes to /sign-in (and back after). API routes answer for themselves
 * (each declares its access), so only page navigations are redirected here.
 */
export async function gate(db: Db, req: IncomingMessage, path: string): Promise<GateAnswer> {
  if (ASSETS.some((re) => re.test(path))) return { kind: "pass" };
  if (!(await hasUsers(db))) {
    if (SETUP_PATHS.some((re) => re.test(path))) return { kind: "pass" };
    return path.startsWith("/api/") ? { kind: "refuse", code: "SETUP_REQUIRED" } : { kind: "redirect", location: "/setup" };
  }
  if (path.startsWith("/api/") || PUBLIC_PAGES.some((re) => re.test(path))) return { kind: "pass" };
  if (await callerFromCookie(req.headers.cookie)) return { kind: "pass" };
  return { kind: "redirect", location: `/sign-in?next=${encodeURIComponent(req.url ?? "/")}` };
}

/** The caller's address, set by the server from the socket: a client-sent value is never kept. */
export function stampClientIp(req: IncomingMessage): void {
  req.headers["x-lathe-client-ip"] = req.socket.remoteAddress ?? "";
}
