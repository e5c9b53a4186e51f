import type { Prisma } from "@prisma/client";
import { AuditQuery, type AuditListResponse } from "@/engine/contract/audit";
import type { Db } from "../db/client";
import { readAuditDetail } from "../storage/audit";
import { parseInput } from "./errors";

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `function.` or `function.*` is every action starting with `function.`; anything else is exact. */
function actionFilter(action: string): Prisma.StringFilter | string {
  if (action.endsWith("*")) return { startsWith: action.slice(0, -1) };
  if (action.endsWith(".")) return { startsWith: action };
  return action;
}

/** `to` is exclusive; a date alone means "up to the end of that day" (UTC). */
function upperBound(to: string): Date {
  return DATE_ONLY.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) : new Date(to);
}

export function auditWhere(q: AuditQuery): Prisma.AuditEntryWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (q.from) at.gte = new Date(DATE_ONLY.test(q.from) ? `${q.from}T00:00:00Z` : q.from);
  if (q.to) at.lt = upperBound(q.to);
  return {
    ...(q.action ? { action: actionFilter(q.action) } : {}),
    ...(q.actor ? { actorEmail: { contains: q.actor.toLowerCase() } } : {}),
    ...(q.target ? { targetId: q.target } : {}),
    ...(q.from || q.to ? { at } : {}),
  };
}

/** One page of the audit log, newest first (ties broken by id, so pages never overlap). */
export async function listAudit(db: Db, query: unknown): Promise<AuditListResponse> {
  const q = parseInput(AuditQuery, query);
  const rows = await db.auditEntry.findMany({
    where: auditWhere(q),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (q.page - 1) * q.pageSize,
    take: q.pageSize + 1, // one more than shown says whether an older page follows
  });
  const shown = rows.slice(0, q.pageSize);
  return {
    entries: shown.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      detail: readAuditDetail(r),
      ip: r.ip,
    })),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}
