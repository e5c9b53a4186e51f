import type { AuditRecord } from "../storage/audit";

/** Who does an admin change, as the audit log records it: the signed-in person and their address. */
export interface Actor {
  id: string;
  email: string;
  /** The client's address (`x-lathe-client-ip`, set by the server from the socket). */
  ip: string | null;
}

/** The `who` half of an audit entry. */
export function auditBy(actor: Actor): Pick<AuditRecord, "actorId" | "actorEmail" | "ip"> {
  return { actorId: actor.id, actorEmail: actor.email, ip: actor.ip };
}
