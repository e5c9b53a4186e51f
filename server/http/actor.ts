import type { Caller } from "../auth/caller";
import type { Actor } from "../services/actor";

/** The signed-in caller of an admin route, as its audit entries name them. */
export function actorOf(caller: Caller | null, req: Request): Actor {
  if (!caller) throw new Error("admin routes always have a caller");
  return { id: caller.user.id, email: caller.user.email, ip: req.headers.get("x-lathe-client-ip") };
}

/**
 * The origin links Lathe hands out start with: LATHE_PUBLIC_URL, else the origin the request was
 * sent to (its Host was already checked against this installation's names: server/http/request-guard.ts).
 */
export function publicOrigin(req: Request, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.LATHE_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("host");
  return host ? `${url.protocol}//${host}` : url.origin;
}
