import { GroupInput, GroupSource, type GroupView } from "@/engine/contract/admin";
import { sessionCache, type SessionCache } from "../auth/session-cache";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import { auditBy, type Actor } from "./actor";
import { ServiceError, parseInput } from "./errors";

/**
 * Groups of people, managed by admins ("local"). Groups that single sign-on brings ("oidc") follow
 * the provider's claim at every sign-in: their name and members are read-only here, since a
 * change would be undone (or, for a rename, break the link to the claim).
 */
export interface GroupDeps {
  db: Db;
  cache?: SessionCache;
}

const GROUP_SELECT = {
  id: true,
  name: true,
  source: true,
  createdAt: true,
  members: { select: { user: { select: { id: true, name: true, email: true } } } },
} as const;

type GroupRow = {
  id: string;
  name: string;
  source: string;
  createdAt: Date;
  members: { user: { id: string; name: string; email: string } }[];
};

function view(row: GroupRow): GroupView {
  const source = GroupSource.safeParse(row.source);
  return {
    id: row.id,
    name: row.name,
    source: source.success ? source.data : "local",
    members: row.members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listGroups(db: Db): Promise<GroupView[]> {
  return (await db.group.findMany({ select: GROUP_SELECT, orderBy: { name: "asc" } })).map(view);
}

async function localGroup(db: Db, groupId: string, doing: string): Promise<GroupRow> {
  const row = await db.group.findUnique({ where: { id: groupId }, select: GROUP_SELECT });
  if (!row) throw new ServiceError("NOT_FOUND", "No such group");
  if (row.source === "oidc") throw new ServiceError("CONFLICT", `"${row.name}" comes from single sign-on: ${doing} happens at the identity provider`);
  return row;
}

async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const clash = await db.group.findUnique({ where: { name }, select: { id: true } });
  if (clash && clash.id !== exceptId) throw new ServiceError("CONFLICT", `A group named "${name}" already exists`, { field: "name" });
}

export async function createGroup({ db, cache = sessionCache() }: GroupDeps, actor: Actor, input: unknown): Promise<GroupView> {
  const { name } = parseInput(GroupInput, input);
  await assertNameFree(db, name);
  const row = await db.group.create({ data: { name, source: "local" }, select: GROUP_SELECT });
  cache.bumpAcl();
  await recordAudit(db, { ...auditBy(actor), action: "group.create", targetType: "group", targetId: row.id, detail: { name } });
  return view(row);
}

export async function renameGroup({ db, cache = sessionCache() }: GroupDeps, actor: Actor, groupId: string, input: unknown): Promise<GroupView> {
  const { name } = parseInput(GroupInput, input);
  const before = await localGroup(db, groupId, "renaming it");
  await assertNameFree(db, name, groupId);
  const row = await db.group.update({ where: { id: groupId }, data: { name }, select: GROUP_SELECT });
  // Callers carry group names (currentUser.groups): drop them so the new name shows.
  for (const m of row.members) cache.dropUser(m.user.id);
  cache.bumpAcl();
  await recordAudit(db, { ...auditBy(actor), action: "group.rename", targetType: "group", targetId: groupId, detail: { from: before.name, to: name } });
  return view(row);
}

/** Deletes a group with its app shares. A single sign-on group comes back at its members' next sign-in. */
export async function deleteGroup({ db, cache = sessionCache() }: GroupDeps, actor: Actor, groupId: string): Promise<void> {
  const row = await db.group.findUnique({ where: { id: groupId }, select: GROUP_SELECT });
  if (!row) throw new ServiceError("NOT_FOUND", "No such group");
  await db.group.delete({ where: { id: groupId } });
  for (const m of row.members) cache.dropUser(m.user.id);
  cache.bumpAcl();
  await recordAudit(db, { ...auditBy(actor), action: "group.delete", targetType: "group", targetId: groupId, detail: { name: row.name, source: row.source } });
}

export async function addGroupMember({ db, cache = sessionCache() }: GroupDeps, actor: Actor, groupId: string, userId: string): Promise<GroupView> {
  const group = await localGroup(db, groupId, "membership");
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new ServiceError("NOT_FOUND", "No such person", { field: "userId" });
  await db.groupMember.upsert({ where: { groupId_userId: { groupId, userId } }, create: { groupId, userId }, update: {} });
  cache.dropUser(userId);
  cache.bumpAcl();
  await recordAudit(db, { ...auditBy(actor), action: "group.member.add", targetType: "group", targetId: groupId, detail: { group: group.name, userId, email: user.email } });
  return view(await db.group.findUniqueOrThrow({ where: { id: groupId }, select: GROUP_SELECT }));
}

export async function removeGroupMember({ db, cache = sessionCache() }: GroupDeps, actor: Actor, groupId: string, userId: string): Promise<GroupView> {
  const group = await localGroup(db, groupId, "membership");
  const member = group.members.find((m) => m.user.id === userId);
  if (!member) throw new ServiceError("NOT_FOUND", "This person is not in the group");
  await db.groupMember.delete({ where: { groupId_userId: { groupId, userId } } });
  cache.dropUser(userId);
  cache.bumpAcl();
  await recordAudit(db, { ...auditBy(actor), action: "group.member.remove", targetType: "group", targetId: groupId, detail: { group: group.name, userId, email: member.user.email } });
  return view(await db.group.findUniqueOrThrow({ where: { id: groupId }, select: GROUP_SELECT }));
}
