import { AuditListResponse, AuditQuery } from "@/engine/contract/audit";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { listAudit } from "@/server/services/audit";

/** The audit log, newest first: `?action=&actor=&target=&from=&to=&page=&pageSize=` (see AuditQuery). */
export const GET = route({ query: AuditQuery, response: AuditListResponse, access: "admin" }, async ({ query }) => listAudit(getDb(), query));
