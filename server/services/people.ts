import type { PersonView } from "@/engine/contract/admin";
import type { Role } from "@/engine/contract/people";
import { isRole } from "../auth/config";
import { revokeUserSessions } from "../auth/session";
import { sessionCache, type SessionCache } from "../auth/session-cache";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import { auditBy, type Actor } from "./actor";
import { ServiceError } from "./errors";

/** The database, and the session cache whose entries a change must drop (a test passes its own). */
export interface PeopleDeps {
  db: Db;
  cache?: SessionCache;
}

const PERSON_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  createdAt: true,
  groups: { select: { group: { select: { id: true, name: true } } } },
  accounts: { select: { providerId: true } },
} as const;

type PersonRow = {
  id: string;
  name: string;
  email: string;
  role: string | null;
  createdAt: Date;
  groups: { group: { id: string; name: string } }[];
  accounts: { providerId: string }[];
};

function roleOf(stored: string | null): Role {
  return isRole(stored) ? stored : "user";
}

function view(row: PersonRow): PersonView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: roleOf(row.role),
    groups: row.groups.map((g) => g.group).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: row.createdAt.toISOString(),
    signIn: {
      password: row.accounts.some((a) => a.providerId === "credential"),
      sso: row.accounts.some((a) => a.providerId !== "credential"),
    },
  };
}

export async function listPeople(db: Db): Promise<PersonView[]> {
  const rows = await db.user.findMany({ select: PERSON_SELECT, orderBy: [{ name: "asc" }, { email: "asc" }] });
  return rows.map(view);
}

const LAST_ADMIN = "the last admin: make someone else an admin first";

/**
 * A new role for a person. Every session they have ends (they sign in again under the new role);
 * the last admin cannot be demoted. The check and the change are one transaction, so two admins
 * demoting each other at once cannot leave none.
 */
export async function changeRole({ db, cache = sessionCache() }: PeopleDeps, actor: Actor, userId: string, role: Role): Promise<PersonView> {
  const from = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
    if (!user) throw new ServiceError("NOT_FOUND", "No such person");
    const was = roleOf(user.role);
    if (was === role) return null;
    if (was === "admin" && role !== "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new ServiceError("CONFLICT", `${user.email} is ${LAST_ADMIN}`);
    }
    await tx.user.update({ where: { id: userId }, data: { role } });
    return was;
  });
  const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: PERSON_SELECT });
  if (from === null) return view(row); // the role it already has: nothing changes, no one is signed out
  await revokeUserSessions(db, userId, cache);
  cache.bumpAcl();
  await recordAudit(db, { ...auditBy(actor), action: "user.role", targetType: "user", targetId: userId, detail: { email: row.email, from, to: role } });
  return view(row);
}

/** Removes a person: their sessions, accounts, group memberships and app shares go with them. */
export async function removePerson({ db, cache = sessionCache() }: PeopleDeps, actor: Actor, userId: string): Promise<void> {
  const removed = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, email: true } });
    if (!user) throw new ServiceError("NOT_FOUND", "No such person");
    if (roleOf(user.role) === "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new ServiceError("CONFLICT", `${user.email} is ${LAST_ADMIN}`);
    }
    await tx.user.delete({ where: { id: userId } });
    return { email: user.email, role: roleOf(user.role) };
  });
  // The rows went with the user (cascade); this drops what the process still remembers.
  await revokeUserSessions(db, userId, cache);
  cache.bumpAcl();
  await recordAudit(db, { ...auditBy(actor), action: "user.remove", targetType: "user", targetId: userId, detail: removed });
}
