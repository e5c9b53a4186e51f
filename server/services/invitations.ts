import { createHash } from "node:crypto";
import { generateRandomString } from "better-auth/crypto";
import { InvitationAccept, InvitationInput, type InvitationCreated, type InvitationView } from "@/engine/contract/admin";
import { passwordProblem, type Role } from "@/engine/contract/people";
import type { Auth } from "../auth/auth";
import { isRole } from "../auth/config";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import { auditBy, type Actor } from "./actor";
import { ServiceError, parseInput } from "./errors";
import { sendLatheMail } from "./lathe-mail";

/**
 * Invitations: an admin invites an email address with a role; the invitation is a link with a
 * random token, of which only the SHA-256 hash is stored, so the table alone opens nothing. A
 * link works once, until it expires (LATHE_INVITE_DAYS, default 7).
 */
export const DEFAULT_INVITE_DAYS = 7;
const TOKEN_LENGTH = 43; // 43 characters of 62: 256 bits

export function inviteDays(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.LATHE_INVITE_DAYS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_INVITE_DAYS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`LATHE_INVITE_DAYS must be a positive number of days, got "${raw}"`);
  return n;
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface InvitationDeps {
  db: Db;
  /** The key that decrypts the mail resource's password (server/runtime/engine.ts secretKey()). */
  key: Buffer;
  now?: Date;
  days?: number;
}

type Row = { id: string; email: string; role: string; createdAt: Date; expiresAt: Date };

function view(row: Row): InvitationView {
  return { id: row.id, email: row.email, role: isRole(row.role) ? row.role : "user", createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
}

const ARTICLE: Record<Role, string> = { admin: "an admin", editor: "an editor", user: "a user" };

/**
 * A new invitation and its link (`<origin>/invite/<token>`), shown to the admin once. An email
 * that already has an account is refused; an earlier pending invitation of the same email stops
 * working (only the newest link opens).
 */
export async function createInvitation(deps: InvitationDeps, actor: Actor, input: unknown, origin: string): Promise<InvitationCreated> {
  const { email, role } = parseInput(InvitationInput, input);
  const { db } = deps;
  const now = deps.now ?? new Date();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new ServiceError("CONFLICT", `${email} already has an account`, { field: "email" });
  }
  const token = generateRandomString(TOKEN_LENGTH, "a-z", "A-Z", "0-9");
  const expiresAt = new Date(now.getTime() + (deps.days ?? inviteDays()) * 86_400_000);
  const row = await db.$transaction(async (tx) => {
    await tx.invitation.deleteMany({ where: { email, usedAt: null } });
    return tx.invitation.create({ data: { email, role, tokenHash: tokenHash(token), expiresAt, createdById: actor.id, createdAt: now } });
  });
  const link = `${origin.replace(/\/+$/, "")}/invite/${token}`;
  await recordAudit(db, { ...auditBy(actor), action: "invitation.create", targetType: "invitation", targetId: row.id, detail: { email, role, expiresAt: expiresAt.toISOString() } });
  const mail = await sendLatheMail(deps, {
    to: email,
    subject: "You are invited to Lathe",
    text: [
      `${actor.email} invites you to Lathe as ${ARTICLE[role]}.`,
      "",
      `Open this link to choose your name and password: ${link}`,
      "",
      `The link works once, until ${expiresAt.toUTCString()}.`,
    ].join("\n"),
  });
  return { invitation: view(row), link, mail };
}

/** Invitations not used and not expired, newest first. */
export async function listInvitations(db: Db, now = new Date()): Promise<InvitationView[]> {
  const rows = await db.invitation.findMany({ where: { usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });
  return rows.map(view);
}

export async function revokeInvitation(db: Db, actor: Actor, invitationId: string): Promise<void> {
  const row = await db.invitation.findUnique({ where: { id: invitationId } });
  if (!row || row.usedAt) throw new ServiceError("NOT_FOUND", "No such pending invitation");
  await db.invitation.delete({ where: { id: invitationId } });
  await recordAudit(db, { ...auditBy(actor), action: "invitation.revoke", targetType: "invitation", targetId: invitationId, detail: { email: row.email, role: row.role } });
}

export type InvitationLookup =
  | { status: "open"; email: string; role: Role; expiresAt: Date }
  | { status: "unknown" | "used" | "expired" };

const REFUSAL: Record<Exclude<InvitationLookup["status"], "open">, string> = {
  unknown: "This invitation link is not valid. Ask an admin for a new one.",
  used: "This invitation has already been used. Sign in, or ask an admin for a new one.",
  expired: "This invitation has expired. Ask an admin for a new one.",
};

export function invitationRefusal(status: Exclude<InvitationLookup["status"], "open">): string {
  return REFUSAL[status];
}

/** What a link opens: the invited email and role, or why it opens nothing. */
export async function lookUpInvitation(db: Db, token: string, now = new Date()): Promise<InvitationLookup> {
  const row = token ? await db.invitation.findUnique({ where: { tokenHash: tokenHash(token) } }) : null;
  if (!row) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { status: "expired" };
  return { status: "open", email: row.email, role: isRole(row.role) ? row.role : "user", expiresAt: row.expiresAt };
}

/**
 * Accepts an invitation: the person is created with the invited role and a verified email. The
 * invitation is claimed first, atomically (a link used twice at once creates one person); if the
 * person cannot be created, the claim is given back. A used, expired or unknown link creates nothing.
 */
export async function acceptInvitation(deps: { db: Db; auth: Auth; now?: Date }, input: unknown, ip: string | null = null): Promise<{ id: string; email: string; name: string }> {
  const { token, name, password } = parseInput(InvitationAccept, input);
  const problem = passwordProblem(password);
  if (problem) throw new ServiceError("VALIDATION", problem, { field: "password" });
  const { db, auth } = deps;
  const now = deps.now ?? new Date();
  const found = await lookUpInvitation(db, token, now);
  if (found.status === "unknown") throw new ServiceError("NOT_FOUND", invitationRefusal("unknown"));
  if (found.status !== "open") throw new ServiceError("CONFLICT", invitationRefusal(found.status), { data: { reason: found.status } });
  const hash = tokenHash(token);
  const claimed = await db.invitation.updateMany({ where: { tokenHash: hash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) throw new ServiceError("CONFLICT", invitationRefusal("used"), { data: { reason: "used" } });
  let user: { id: string; email: string; name: string };
  try {
    if (await db.user.findUnique({ where: { email: found.email }, select: { id: true } })) {
      throw new ServiceError("CONFLICT", `${found.email} already has an account: sign in instead`);
    }
    ({ user } = await auth.api.createUser({ body: { email: found.email, password, name, role: found.role, data: { emailVerified: true } } }));
  } catch (err) {
    await db.invitation.updateMany({ where: { tokenHash: hash }, data: { usedAt: null } });
    throw err;
  }
  const row = await db.invitation.update({ where: { tokenHash: hash }, data: { usedById: user.id } });
  await recordAudit(db, { actorId: user.id, actorEmail: user.email, action: "invitation.accept", targetType: "invitation", targetId: row.id, detail: { email: user.email, role: found.role, userId: user.id }, ip });
  return { id: user.id, email: user.email, name: user.name };
}
