import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authFor, type Auth } from "../auth/auth";
import { callerFromCookie, type SessionDeps } from "../auth/session";
import { SessionCache } from "../auth/session-cache";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import type { Actor } from "./actor";
import { addGroupMember, createGroup, deleteGroup, listGroups, removeGroupMember, renameGroup } from "./groups";
import { changeRole, listPeople, removePerson } from "./people";
import { rejection } from "./test-support/rejection";

// Real better-auth on a real SQLite file: people are created and signed in as the server does.
let t: ReturnType<typeof createTestDb>;
let db: Db;
let auth: Auth;
let cache: SessionCache;
let deps: SessionDeps;
let admin: Actor;
const PASSWORD = "People-test-pass-1";

async function person(email: string, role: "admin" | "editor" | "user"): Promise<string> {
  const { user } = await auth.api.createUser({ body: { email, password: PASSWORD, name: email.split("@")[0], role, data: { emailVerified: true } } });
  return user.id;
}

async function signedIn(email: string): Promise<string> {
  const { headers } = await auth.api.signInEmail({ body: { email, password: PASSWORD }, returnHeaders: true });
  const cookie = headers.getSetCookie().find((c) => c.includes("session_token="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0];
}

async function audit(action: string) {
  return db.auditEntry.findMany({ where: { action }, orderBy: { at: "asc" } });
}

beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  auth = authFor(db);
  cache = new SessionCache();
  deps = { db, auth, cache, maxAgeSeconds: 3600 };
  admin = { id: await person("ada@lathe.test", "admin"), email: "ada@lathe.test", ip: "10.0.0.7" };
});
afterEach(() => t.close());

describe("people", () => {
  it("lists everyone with role, groups and how they sign in", async () => {
    const bob = await person("bob@lathe.test", "editor");
    const sso = await person("sso@lathe.test", "user");
    await db.account.create({ data: { id: "acc-oidc", accountId: "sub-1", providerId: "oidc", userId: sso } });
    await db.account.deleteMany({ where: { userId: sso, providerId: "credential" } });
    const g = await createGroup({ db, cache }, admin, { name: "Sales" });
    await addGroupMember({ db, cache }, admin, g.id, bob);
    const people = await listPeople(db);
    expect(people.map((p) => [p.email, p.role, p.groups.map((x) => x.name), p.signIn])).toEqual([
      ["ada@lathe.test", "admin", [], { password: true, sso: false }],
      ["bob@lathe.test", "editor", ["Sales"], { password: true, sso: false }],
      ["sso@lathe.test", "user", [], { password: false, sso: true }],
    ]);
  });

  it("a role change ends every session of that person, even one the cache remembers", async () => {
    const bob = await person("bob@lathe.test", "editor");
    await person("cy@lathe.test", "editor");
    const first = await signedIn("bob@lathe.test");
    const second = await signedIn("bob@lathe.test");
    const other = await signedIn("cy@lathe.test");
    expect((await callerFromCookie(first, deps))?.user).toMatchObject({ email: "bob@lathe.test", role: "editor" });
    expect(await callerFromCookie(second, deps)).not.toBeNull();
    expect(cache.get(first.split("=")[1])).not.toBeNull(); // remembered: the change must drop it

    const changed = await changeRole({ db, cache }, admin, bob, "user");
    expect(changed.role).toBe("user");
    expect(await callerFromCookie(first, deps)).toBeNull();
    expect(await callerFromCookie(second, deps)).toBeNull();
    expect(await db.session.count({ where: { userId: bob } })).toBe(0);
    // Someone else is untouched.
    expect((await callerFromCookie(other, deps))?.user.email).toBe("cy@lathe.test");
    // Signing in again gives the new role.
    expect((await callerFromCookie(await signedIn("bob@lathe.test"), deps))?.user.role).toBe("user");

    const [entry] = await audit("user.role");
    expect(entry).toMatchObject({ actorId: admin.id, actorEmail: admin.email, ip: "10.0.0.7", targetType: "user", targetId: bob });
    expect(JSON.parse(entry.detail)).toEqual({ email: "bob@lathe.test", from: "editor", to: "user" });
  });

  it("setting the role someone already has changes nothing and signs no one out", async () => {
    const bob = await person("bob@lathe.test", "editor");
    const cookie = await signedIn("bob@lathe.test");
    expect((await changeRole({ db, cache }, admin, bob, "editor")).role).toBe("editor");
    expect(await callerFromCookie(cookie, deps)).not.toBeNull();
    expect(await audit("user.role")).toEqual([]);
    // The last admin "changing" to admin is no demotion.
    expect((await changeRole({ db, cache }, admin, admin.id, "admin")).role).toBe("admin");
  });

  it("removing a person ends their sessions and removes their memberships", async () => {
    const bob = await person("bob@lathe.test", "user");
    const cookie = await signedIn("bob@lathe.test");
    expect(await callerFromCookie(cookie, deps)).not.toBeNull();
    const g = await createGroup({ db, cache }, admin, { name: "Ops" });
    await addGroupMember({ db, cache }, admin, g.id, bob);
    await removePerson({ db, cache }, admin, bob);
    expect(await callerFromCookie(cookie, deps)).toBeNull();
    expect(await db.user.findUnique({ where: { id: bob } })).toBeNull();
    expect((await listGroups(db))[0].members).toEqual([]);
    const [entry] = await audit("user.remove");
    expect(entry).toMatchObject({ actorId: admin.id, targetId: bob });
    expect(JSON.parse(entry.detail)).toEqual({ email: "bob@lathe.test", role: "user" });
    expect((await rejection(removePerson({ db, cache }, admin, bob))).code).toBe("NOT_FOUND");
  });

  it("the last admin can be neither demoted nor removed; with a second admin, either can", async () => {
    const demote = await rejection(changeRole({ db, cache }, admin, admin.id, "editor"));
    expect(demote.code).toBe("CONFLICT");
    expect(demote.message).toBe("ada@lathe.test is the last admin: make someone else an admin first");
    expect((await rejection(removePerson({ db, cache }, admin, admin.id))).code).toBe("CONFLICT");
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    expect(await audit("user.role")).toEqual([]);

    const bea = await person("bea@lathe.test", "editor");
    await changeRole({ db, cache }, admin, bea, "admin");
    await changeRole({ db, cache }, admin, admin.id, "editor");
    // Now bea is the last one.
    expect((await rejection(removePerson({ db, cache }, admin, bea))).code).toBe("CONFLICT");
    expect((await rejection(changeRole({ db, cache }, admin, bea, "user"))).code).toBe("CONFLICT");
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const bea = await person("bea@lathe.test", "admin");
    const results = await Promise.allSettled([changeRole({ db, cache }, admin, bea, "user"), changeRole({ db, cache }, admin, admin.id, "user")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });
});

describe("groups", () => {
  it("creates, renames, adds and removes members, deletes; each change audited and the ACL version bumped", async () => {
    const bob = await person("bob@lathe.test", "user");
    const before = cache.aclVersion;
    const g = await createGroup({ db, cache }, admin, { name: " Finance " });
    expect(g).toMatchObject({ name: "Finance", source: "local", members: [] });
    expect((await rejection(createGroup({ db, cache }, admin, { name: "Finance" }))).code).toBe("CONFLICT");
    expect((await rejection(createGroup({ db, cache }, admin, { name: "" }))).code).toBe("VALIDATION");
    expect((await addGroupMember({ db, cache }, admin, g.id, bob)).members.map((m) => m.email)).toEqual(["bob@lathe.test"]);
    expect((await renameGroup({ db, cache }, admin, g.id, { name: "Money" })).name).toBe("Money");
    expect((await removeGroupMember({ db, cache }, admin, g.id, bob)).members).toEqual([]);
    await deleteGroup({ db, cache }, admin, g.id);
    expect(await listGroups(db)).toEqual([]);
    expect(cache.aclVersion).toBeGreaterThanOrEqual(before + 5);
    const actions = (await db.auditEntry.findMany({ where: { targetType: "group" }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["group.create", "group.member.add", "group.rename", "group.member.remove", "group.delete"]);
  });

  it("a new group shows in the caller at once (the cache drops the member)", async () => {
    const bob = await person("bob@lathe.test", "user");
    const cookie = await signedIn("bob@lathe.test");
    expect((await callerFromCookie(cookie, deps))?.user.groups).toEqual([]);
    const g = await createGroup({ db, cache }, admin, { name: "Support" });
    await addGroupMember({ db, cache }, admin, g.id, bob);
    expect((await callerFromCookie(cookie, deps))?.user.groups).toEqual(["Support"]);
  });

  it("a single sign-on group's name and members are read-only", async () => {
    const bob = await person("bob@lathe.test", "user");
    const g = await db.group.create({ data: { name: "idp-staff", source: "oidc" } });
    const add = await rejection(addGroupMember({ db, cache }, admin, g.id, bob));
    expect(add.code).toBe("CONFLICT");
    expect(add.message).toMatch(/comes from single sign-on/);
    expect((await rejection(renameGroup({ db, cache }, admin, g.id, { name: "x" }))).code).toBe("CONFLICT");
    expect((await listGroups(db))[0]).toMatchObject({ name: "idp-staff", source: "oidc" });
  });
});
