import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OWNER_MEMBER_ID } from "@/engine/contract/sharing";
import { AppAccessCache, appAccess } from "../auth/app-access";
import type { Caller } from "../auth/caller";
import type { Role } from "../auth/config";
import { SessionCache, sessionCache } from "../auth/session-cache";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp } from "./apps";
import { addMember, changeMember, directory, listMembers, removeMember, type ShareActor } from "./sharing";
import { rejection } from "./test-support/rejection";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

async function person(email: string, role: Role) {
  return db.user.create({ data: { id: `u-${email}`, email, name: email.split("@")[0], role, emailVerified: true } });
}

function callerOf(user: { id: string; email: string; name: string }, role: Role): Caller {
  return { user: { id: user.id, email: user.email, name: user.name, role, groups: [] }, sessionId: "s" };
}

async function setup() {
  const owner = await person("owner@lathe.test", "editor");
  const editor = await person("ed@lathe.test", "editor");
  const user = await person("user@lathe.test", "user");
  const app = await createApp(db, { name: "Orders" }, owner.id);
  const actor: ShareActor = { id: owner.id, email: owner.email, ip: "10.0.0.7" };
  return { owner, editor, user, app, actor };
}

describe("sharing an app", () => {
  it("lists the creator as owner with edit; the owner cannot be changed, removed or added again", async () => {
    const { owner, app, actor } = await setup();
    expect(await listMembers(db, app.id)).toEqual([
      { id: OWNER_MEMBER_ID, kind: "user", subjectId: owner.id, name: "owner", email: owner.email, role: "editor", access: "edit", owner: true },
    ]);
    expect((await rejection(removeMember(db, app.id, OWNER_MEMBER_ID, actor))).code).toBe("VALIDATION");
    expect((await rejection(changeMember(db, app.id, OWNER_MEMBER_ID, { access: "use" }, actor))).code).toBe("VALIDATION");
    expect((await rejection(addMember(db, app.id, { kind: "user", id: owner.id, access: "use" }, actor))).message).toMatch(/owns this app/);
    expect(await appAccess(db, callerOf(owner, "editor"), app.id)).toBe("edit");
  });

  it("gives a person use or edit, as appAccess then answers; removing takes it away", async () => {
    const { editor, user, app, actor } = await setup();
    expect(await appAccess(db, callerOf(user, "user"), app.id)).toBeNull();
    const u = await addMember(db, app.id, { kind: "user", id: user.id, access: "use" }, actor);
    const e = await addMember(db, app.id, { kind: "user", id: editor.id, access: "edit" }, actor);
    expect(u).toMatchObject({ kind: "user", subjectId: user.id, email: user.email, role: "user", access: "use", owner: false });
    expect(await appAccess(db, callerOf(user, "user"), app.id)).toBe("use");
    expect(await appAccess(db, callerOf(editor, "editor"), app.id)).toBe("edit");

    await changeMember(db, app.id, e.id, { access: "use" }, actor);
    expect(await appAccess(db, callerOf(editor, "editor"), app.id)).toBe("use");
    await removeMember(db, app.id, u.id, actor);
    expect(await appAccess(db, callerOf(user, "user"), app.id)).toBeNull();
    expect((await listMembers(db, app.id)).map((m) => [m.email, m.access])).toEqual([
      ["owner@lathe.test", "edit"],
      ["ed@lathe.test", "use"],
    ]);
    expect((await rejection(removeMember(db, app.id, u.id, actor))).code).toBe("NOT_FOUND");
  });

  it("refuses edit for a person whose role is user, when adding and when changing", async () => {
    const { user, app, actor } = await setup();
    const refused = await rejection(addMember(db, app.id, { kind: "user", id: user.id, access: "edit" }, actor));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.field).toBe("access");
    expect(refused.message).toMatch(/user@lathe.test .*never edit/);
    const m = await addMember(db, app.id, { kind: "user", id: user.id, access: "use" }, actor);
    expect((await rejection(changeMember(db, app.id, m.id, { access: "edit" }, actor))).code).toBe("VALIDATION");
    expect(await db.appMember.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({ access: "use" });
  });

  it("grants access through a group: its editors edit, its users only use", async () => {
    const { editor, user, app, actor } = await setup();
    const group = await db.group.create({ data: { name: "Support", members: { create: [{ userId: editor.id }, { userId: user.id }] } } });
    const g = await addMember(db, app.id, { kind: "group", id: group.id, access: "edit" }, actor);
    expect(g).toMatchObject({ kind: "group", subjectId: group.id, name: "Support", email: null, role: null, access: "edit" });
    expect(await appAccess(db, callerOf(editor, "editor"), app.id)).toBe("edit");
    expect(await appAccess(db, callerOf(user, "user"), app.id)).toBe("use");
    expect((await rejection(addMember(db, app.id, { kind: "group", id: group.id, access: "use" }, actor))).code).toBe("CONFLICT");
    await removeMember(db, app.id, g.id, actor);
    expect(await appAccess(db, callerOf(user, "user"), app.id)).toBeNull();
  });

  it("refuses unknown people, groups and members, and a member of another app", async () => {
    const { user, app, actor } = await setup();
    expect((await rejection(addMember(db, app.id, { kind: "user", id: "nobody", access: "use" }, actor))).code).toBe("VALIDATION");
    expect((await rejection(addMember(db, app.id, { kind: "group", id: "nogroup", access: "use" }, actor))).code).toBe("VALIDATION");
    expect((await rejection(addMember(db, app.id, { kind: "team", id: user.id, access: "use" }, actor))).code).toBe("VALIDATION");
    const other = await createApp(db, { name: "Other" });
    const m = await addMember(db, other.id, { kind: "user", id: user.id, access: "use" }, actor);
    expect((await rejection(removeMember(db, app.id, m.id, actor))).code).toBe("NOT_FOUND");
    expect((await rejection(listMembers(db, "no-app"))).code).toBe("NOT_FOUND");
  });

  it("writes every change to the audit log with the actor and their address", async () => {
    const { user, app, actor } = await setup();
    const m = await addMember(db, app.id, { kind: "user", id: user.id, access: "use" }, actor);
    await db.user.update({ where: { id: user.id }, data: { role: "editor" } });
    await changeMember(db, app.id, m.id, { access: "edit" }, actor);
    await removeMember(db, app.id, m.id, actor);
    const entries = await db.auditEntry.findMany({ orderBy: { at: "asc" } });
    expect(entries.map((e) => [e.action, e.actorEmail, e.targetType, e.targetId, e.ip])).toEqual([
      ["app.share", "owner@lathe.test", "app", app.id, "10.0.0.7"],
      ["app.share.change", "owner@lathe.test", "app", app.id, "10.0.0.7"],
      ["app.unshare", "owner@lathe.test", "app", app.id, "10.0.0.7"],
    ]);
    expect(JSON.parse(entries[1].detail)).toEqual({ memberKind: "user", userId: user.id, email: user.email, from: "use", to: "edit" });
  });

  it("bumps the ACL version, so a cached access answer changes at once", async () => {
    const { user, app, actor } = await setup();
    const cache = new AppAccessCache(sessionCache());
    const caller = callerOf(user, "user");
    expect(await cache.get(db, caller, app.id)).toBeNull();
    const m = await addMember(db, app.id, { kind: "user", id: user.id, access: "use" }, actor);
    expect(await cache.get(db, caller, app.id)).toBe("use");
    await removeMember(db, app.id, m.id, actor);
    expect(await cache.get(db, caller, app.id)).toBeNull();

    // Without a bump the same cache would have kept its answer: the version is what changes it.
    const frozen = new AppAccessCache(new SessionCache());
    expect(await frozen.get(db, caller, app.id)).toBeNull();
    await db.appMember.create({ data: { appId: app.id, userId: user.id, access: "use" } });
    expect(await frozen.get(db, caller, app.id)).toBeNull();
  });

  it("the directory has people and groups with only the picker's fields", async () => {
    await setup();
    await db.group.create({ data: { name: "Support" } });
    const d = await directory(db);
    expect(d.people.map((p) => Object.keys(p).sort())).toEqual(Array(3).fill(["email", "id", "name", "role"]));
    expect(d.people.map((p) => [p.email, p.role])).toEqual([
      ["ed@lathe.test", "editor"],
      ["owner@lathe.test", "editor"],
      ["user@lathe.test", "user"],
    ]);
    expect(d.groups.map((g) => g.name)).toEqual(["Support"]);
  });
});
