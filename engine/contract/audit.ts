import { z } from "zod";

/** The audit log: `GET /api/audit` (admins), newest first, filtered and paged. */

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;

/** A moment: an ISO date-time with its offset, or a date (`YYYY-MM-DD`, a day in UTC). */
export const AuditMoment = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: "Give a date (YYYY-MM-DD) or an ISO date-time" });

/** Empty query fields (a form's blank inputs) count as absent. */
const blank = (v: unknown) => (v === "" ? undefined : v);
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().min(1).max(max).optional());

/**
 * `?action=function.save` (exact) or `?action=function.` (every action starting so: a trailing
 * dot or `*` is a prefix), `actor=` (part of the email), `target=` (a target id), `from=` /
 * `to=` (`from` inclusive, `to` exclusive; a date-only `to` includes that whole day), `page=`
 * (from 1) and `pageSize=` (at most 200).
 */
export const AuditQuery = z.object({
  action: optionalText(80),
  actor: optionalText(200),
  target: optionalText(200),
  from: z.preprocess(blank, AuditMoment.optional()),
  to: z.preprocess(blank, AuditMoment.optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(AUDIT_MAX_PAGE_SIZE).default(AUDIT_PAGE_SIZE)),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** One entry as admins see it. `detail` holds names and numbers, never a secret value. */
export const AuditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditListResponse = z.object({
  entries: z.array(AuditEntryView),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Whether an older page follows. */
  hasMore: z.boolean(),
});
export type AuditListResponse = z.infer<typeof AuditListResponse>;
