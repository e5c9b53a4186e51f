import type { IncomingMessage, ServerResponse } from "node:http";
import { checkSession } from "../auth/session";

/**
 * Before any page or route (server/main.ts): checks the request's session once and, when
 * better-auth renewed it (the idle expiry slid), puts the renewed cookie on the response, so an
 * active person's browser keeps its cookie as long as the session lives. better-auth's own
 * endpoints set their cookies themselves, static files get none; `/api/fn` does its one check in answerCall. The later
 * checks of the same request hit the cache.
 */
export async function refreshSessionCookie(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  // /api/fn checks its session once, in answerCall, and sends the renewed cookie itself; the
  // build's static files (/_next/) are not a sign of activity and need no session.
  if (path.startsWith("/api/auth/") || path.startsWith("/_next/") || path === "/api/fn" || !req.headers.cookie) return;
  const { setCookie } = await checkSession(req.headers.cookie);
  if (setCookie.length > 0) res.appendHeader("Set-Cookie", setCookie);
}
