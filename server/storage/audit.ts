import { z } from "zod";
import type { DocumentKind } from "@/engine/model";
import type { Db } from "../db/client";
import { readDocument, tryParseJson } from "./document";

/** `AuditEntry.detail`: a small object of what changed (no schema beyond that: each action has its own). */
export const AuditDetail = z.record(z.string(), z.unknown());
export type AuditDetail = z.infer<typeof AuditDetail>;
export const AUDIT_DETAIL_VERSION = 1;
export const auditDetailKind: DocumentKind<AuditDetail> = {
  kind: "audit detail",
  currentVersion: AUDIT_DETAIL_VERSION,
  migrations: [],
  schema: AuditDetail,
};

/** One thing someone did, as the audit log keeps it. Never a password, token or secret. */
export interface AuditRecord {
  actorId?: string | null;
  actorEmail?: string | null;
  /** What happened: `sign-in`, `sign-in.failed`, `user.role`, `function.save`, … */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  /** What changed; keys named like a secret are dropped before it is stored. */
  detail?: Record<string, unknown>;
  ip?: string | null;
}

const SECRET_KEY = /pass(word)?|secret|token|key|authorization|cookie|credential/i;

function withoutSecrets(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[k] = withoutSecrets(v, depth + 1);
  return out;
}

export async function recordAudit(db: Db, entry: AuditRecord): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId: entry.actorId ?? null,
      actorEmail: entry.actorEmail ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail: JSON.stringify(withoutSecrets(entry.detail ?? {})),
      ip: entry.ip ?? null,
    },
  });
}

/**
 * An entry's detail as stored. One that no longer reads (not JSON, not an object) is shown as
 * `{ unreadable: true }` rather than hiding the entry or failing the whole list.
 */
export function readAuditDetail(row: { id: string; detail: string }): AuditDetail {
  const parsed = tryParseJson(row.detail);
  if (!parsed.ok) return { unreadable: true };
  try {
    return readDocument(auditDetailKind, parsed.value, AUDIT_DETAIL_VERSION, `audit entry ${row.id}`);
  } catch {
    return { unreadable: true };
  }
}
