import type { Caller } from "../auth/caller";
import type { ShareActor } from "../services/sharing";

/** The caller of a sharing route as the audit log records them, with the address server/main.ts saw. */
export function shareActor(caller: Caller | null, req: Request): ShareActor {
  // route() checked access before the handler: appEdit routes always have a caller.
  if (!caller) throw new Error("a sharing route ran without a caller");
  return { id: caller.user.id, email: caller.user.email, ip: req.headers.get("x-lathe-client-ip") };
}
