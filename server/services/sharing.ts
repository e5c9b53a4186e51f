import {
  AddAppMember,
  ChangeAppMember,
  OWNER_MEMBER_ID,
  type AppMember,
  type DirectoryResponse,
  type ShareAccess,
} from "@/engine/contract/sharing";
import { isRole, type Role } from "../auth/config";
import { sessionCache } from "../auth/session-cache";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import { ServiceError, parseInput } from "./errors";

/** Who changes a sharing, for the audit log. */
export interface ShareActor {
  id: string;
  email: string;
  ip: string | null;
}

function roleOf(stored: string | null): Role {
  return isRole(stored) ? stored : "user";
}

function shareAccess(stored: string): ShareAccess {
  return stored === "edit" ? "edit" : "use";
}

const MEMBER_SELECT = {
  id: true,
  access: true,
  user: { select: { id: true, name: true, email: true, role: true } },
  group: { select: { id: true, name: true } },
} as const;

type MemberRow = {
  id: string;
  access: string;
  user: { id: string; name: string; email: string; role: string | null } | null;
  group: { id: string; name: string } | null;
};

function memberView(row: MemberRow): AppMember {
  if (row.user) {
    return { id: row.id, kind: "user", subjectId: row.user.id, name: row.user.name, email: row.user.email, role: roleOf(row.user.role), access: shareAccess(row.access), owner: false };
  }
  if (row.group) return { id: row.id, kind: "group", subjectId: row.group.id, name: row.group.name, email: null, role: null, access: shareAccess(row.access), owner: false };
  throw new Error(`app member ${row.id} names neither a user nor a group`);
}

async function appOwner(db: Db, appId: string) {
  const app = await db.app.findUnique({ where: { id: appId }, select: { createdBy: { select: { id: true, name: true, email: true, role: true } } } });
  if (!app) throw new ServiceError("NOT_FOUND", "App not found");
  return app.createdBy;
}

/** The app's members: its owner (the creator, `edit`) first, then people, then groups, by name. */
export async function listMembers(db: Db, appId: string): Promise<AppMember[]> {
  const owner = await appOwner(db, appId);
  const rows = await db.appMember.findMany({ where: { appId }, select: MEMBER_SELECT });
  const members = rows
    .filter((r) => !(owner && r.user?.id === owner.id))
    .map(memberView)
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "user" ? -1 : 1));
  if (!owner) return members;
  return [{ id: OWNER_MEMBER_ID, kind: "user", subjectId: owner.id, name: owner.name, email: owner.email, role: roleOf(owner.role), access: "edit", owner: true }, ...members];
}

/** A `user` only ever uses apps: giving them `edit` would promise what appAccess never grants. */
function refuseUserEdit(person: { email: string; role: string | null }, access: ShareAccess): void {
  if (access === "edit" && roleOf(person.role) === "user") {
    throw new ServiceError("VALIDATION", `${person.email} has the role "user", who can use apps but never edit them; give them use, or make them an editor first`, { field: "access" });
  }
}

async function audit(db: Db, actor: ShareActor, action: string, appId: string, detail: Record<string, unknown>): Promise<void> {
  await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action, targetType: "app", targetId: appId, detail, ip: actor.ip });
}

function subjectDetail(m: AppMember): Record<string, unknown> {
  return m.kind === "user" ? { memberKind: "user", userId: m.subjectId, email: m.email } : { memberKind: "group", groupId: m.subjectId, group: m.name };
}

/** Shares the app with a person or a group. */
export async function addMember(db: Db, appId: string, input: unknown, actor: ShareActor): Promise<AppMember> {
  const { kind, id, access } = parseInput(AddAppMember, input);
  const owner = await appOwner(db, appId);
  let row: MemberRow;
  if (kind === "user") {
    const person = await db.user.findUnique({ where: { id }, select: { id: true, email: true, role: true } });
    if (!person) throw new ServiceError("VALIDATION", "There is no such person", { field: "id" });
    if (owner?.id === person.id) throw new ServiceError("VALIDATION", `${person.email} owns this app and already edits it`, { field: "id" });
    refuseUserEdit(person, access);
    if (await db.appMember.findUnique({ where: { appId_userId: { appId, userId: id } } })) {
      throw new ServiceError("CONFLICT", `The app is already shared with ${person.email}; change their access instead`, { field: "id" });
    }
    row = await db.appMember.create({ data: { appId, userId: id, access }, select: MEMBER_SELECT });
  } else {
    const group = await db.group.findUnique({ where: { id }, select: { id: true, name: true } });
    if (!group) throw new ServiceError("VALIDATION", "There is no such group", { field: "id" });
    if (await db.appMember.findUnique({ where: { appId_groupId: { appId, groupId: id } } })) {
      throw new ServiceError("CONFLICT", `The app is already shared with the group ${group.name}; change its access instead`, { field: "id" });
    }
    row = await db.appMember.create({ data: { appId, groupId: id, access }, select: MEMBER_SELECT });
  }
  sessionCache().bumpAcl();
  const member = memberView(row);
  await audit(db, actor, "app.share", appId, { ...subjectDetail(member), access });
  return member;
}

async function storedMember(db: Db, appId: string, memberId: string): Promise<MemberRow> {
  if (memberId === OWNER_MEMBER_ID) throw new ServiceError("VALIDATION", "The app's owner always edits it and cannot be changed or removed");
  const row = await db.appMember.findFirst({ where: { id: memberId, appId }, select: MEMBER_SELECT });
  if (!row) throw new ServiceError("NOT_FOUND", "This app is not shared with that member");
  return row;
}

/** Changes a member's access between `use` and `edit`. */
export async function changeMember(db: Db, appId: string, memberId: string, input: unknown, actor: ShareActor): Promise<AppMember> {
  const { access } = parseInput(ChangeAppMember, input);
  const before = await storedMember(db, appId, memberId);
  if (before.user) refuseUserEdit(before.user, access);
  const row = await db.appMember.update({ where: { id: before.id }, data: { access }, select: MEMBER_SELECT });
  sessionCache().bumpAcl();
  const member = memberView(row);
  await audit(db, actor, "app.share.change", appId, { ...subjectDetail(member), from: shareAccess(before.access), to: access });
  return member;
}

/** Stops sharing the app with a member. */
export async function removeMember(db: Db, appId: string, memberId: string, actor: ShareActor): Promise<void> {
  const before = memberView(await storedMember(db, appId, memberId));
  await db.appMember.delete({ where: { id: before.id } });
  sessionCache().bumpAcl();
  await audit(db, actor, "app.unshare", appId, { ...subjectDetail(before), access: before.access });
}

/** Everyone an app can be shared with, for the picker: names, emails and roles, nothing else. */
export async function directory(db: Db): Promise<DirectoryResponse> {
  const [people, groups] = await Promise.all([
    db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, email: true, role: true } }),
    db.group.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { people: people.map((p) => ({ ...p, role: roleOf(p.role) })), groups };
}
