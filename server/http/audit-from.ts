import type { Caller } from "../auth/caller";
import { getDb, type Db } from "../db/client";
import { recordAudit, type AuditRecord } from "../storage/audit";

/** What a route says happened; who and from where come from the request. */
export type AuditEvent = Pick<AuditRecord, "action" | "targetType" | "targetId" | "detail">;

/**
 * The audit log as a route writes to it: the actor is the route's caller, the address the one
 * server/main.ts stamped from the socket (never a header the client sent). Call `record` only
 * after the change succeeded. Details carry names and numbers, never a value that may be secret.
 */
export function auditFrom(req: Request, caller: Caller | null, db: Db = getDb()) {
  const who = { actorId: caller?.user.id ?? null, actorEmail: caller?.user.email ?? null, ip: req.headers.get("x-lathe-client-ip") };
  return {
    record: (event: AuditEvent): Promise<void> => recordAudit(db, { ...who, ...event }),
  };
}
