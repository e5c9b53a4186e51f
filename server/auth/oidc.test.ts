import { APIError } from "better-auth/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { authFor, type Auth } from "./auth";
import { authConfig, parseRoleMap, type OidcConfig } from "./config";
import { checkOidcSignInStart, groupsFromClaim, oidcNewUserRole, oidcRedirectUri, rememberGroups, roleForGroups, syncOidcUser } from "./oidc";

const OIDC: OidcConfig = {
  issuer: "https://id.example.com",
  clientId: "lathe",
  clientSecret: "secret",
  groupsClaim: "groups",
  roleMap: parseRoleMap("lathe-admins=admin,lathe-editors=editor,readers=user"),
  defaultRole: "user",
  label: "single sign-on",
  scopes: ["openid", "email", "profile"],
};
const PASSWORD = "Right-password-1";

describe("groupsFromClaim", () => {
  it("takes a list of names, sorted, once each, blanks and non-strings dropped", () => {
    expect(groupsFromClaim(["ops", "dev", "ops", "", 3, null, " qa "])).toEqual(["dev", "ops", "qa"]);
  });
  it("takes one string of names separated by spaces or commas", () => {
    expect(groupsFromClaim("ops, dev qa")).toEqual(["dev", "ops", "qa"]);
  });
  it("anything else is no groups", () => {
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim("")).toEqual([]);
    expect(groupsFromClaim({ ops: true })).toEqual([]);
  });
});

describe("roleForGroups", () => {
  it("the highest mapped role wins; unmapped groups count for nothing", () => {
    expect(roleForGroups(["readers", "lathe-editors", "other"], OIDC)).toBe("editor");
    expect(roleForGroups(["lathe-editors", "lathe-admins"], OIDC)).toBe("admin");
    expect(roleForGroups(["other"], OIDC)).toBe("user");
    expect(roleForGroups([], { ...OIDC, defaultRole: "editor" })).toBe("editor");
    // The default is a floor: a group mapped lower does not lower it.
    expect(roleForGroups(["readers"], { ...OIDC, defaultRole: "editor" })).toBe("editor");
  });
});

describe("the sign-in start and the callback", () => {
  it("only the configured provider, by the redirect flow: an ID token posted by a browser is refused", () => {
    expect(() => checkOidcSignInStart({ provider: "oidc", callbackURL: "/" })).not.toThrow();
    expect(() => checkOidcSignInStart({ provider: "google", callbackURL: "/" })).toThrow(APIError);
    expect(() => checkOidcSignInStart({ provider: "oidc", idToken: { token: "x" } })).toThrow(APIError);
    expect(() => checkOidcSignInStart(null)).toThrow(APIError);
  });

  it("people created by the callback start with the default role; no one else is touched", () => {
    expect(oidcNewUserRole({ ...OIDC, defaultRole: "editor" }, "/callback/:id")).toBe("editor");
    expect(oidcNewUserRole(OIDC, "/admin/create-user")).toBeNull();
    expect(oidcNewUserRole(null, "/callback/:id")).toBeNull();
  });

  it("the redirect URI to register at the provider", () => {
    expect(oidcRedirectUri(authConfig({ LATHE_PUBLIC_URL: "https://lathe.example.com/" }))).toBe("https://lathe.example.com/api/auth/callback/oidc");
  });
});

describe("syncOidcUser", () => {
  let t: ReturnType<typeof createTestDb>;
  let db: Db;
  let auth: Auth;

  async function person(email: string, role: "admin" | "editor" | "user") {
    const { user } = await auth.api.createUser({ body: { email, password: PASSWORD, name: email, role, data: { emailVerified: true } } });
    return user.id;
  }

  async function session(email: string): Promise<string> {
    const { token } = await auth.api.signInEmail({ body: { email, password: PASSWORD } });
    const row = await db.session.findUnique({ where: { token } });
    if (!row) throw new Error("no session");
    return row.id;
  }

  /** What better-auth's callback hands the after-hook, after the provider answered with `groups`. */
  async function signInThroughProvider(email: string, userId: string, groups: unknown, config = OIDC) {
    const sessionId = await session(email);
    rememberGroups(email, groupsFromClaim(groups));
    await syncOidcUser(db, config, {
      headers: new Headers({ "x-lathe-client-ip": "198.51.100.3" }),
      context: { newSession: { user: { id: userId, email }, session: { id: sessionId } } },
    });
    return sessionId;
  }

  async function groupsOf(userId: string) {
    const rows = await db.groupMember.findMany({ where: { userId }, select: { group: { select: { name: true, source: true } } } });
    return rows.map((r) => `${r.group.name}:${r.group.source}`).sort();
  }

  beforeEach(() => {
    t = createTestDb();
    db = t.db;
    auth = authFor(db, authConfig({}));
  });

  afterEach(async () => {
    await t.close();
  });

  it("creates the provider's groups with source oidc and makes the person a member", async () => {
    await person("root@example.test", "admin");
    const alice = await person("alice@example.test", "user");
    await signInThroughProvider("Alice@Example.test", alice, ["lathe-editors", "ops"]);
    expect(await groupsOf(alice)).toEqual(["lathe-editors:oidc", "ops:oidc"]);
    const audit = await db.auditEntry.findMany({ where: { actorId: alice } });
    // (the helper's session is a password sign-in, audited too)
    expect(audit.map((a) => `${a.action} ${JSON.parse(a.detail).method ?? ""}`.trim()).sort()).toEqual(["sign-in oidc", "sign-in password", "user.role"]);
    const signIn = audit.find((a) => a.action === "sign-in" && a.detail.includes("oidc"));
    expect(JSON.parse(signIn?.detail ?? "{}")).toMatchObject({ method: "oidc", groups: ["lathe-editors", "ops"] });
    expect(signIn?.ip).toBe("198.51.100.3");
  });

  it("follows the claim: a group the provider no longer names is left; local groups are untouched", async () => {
    await person("root@example.test", "admin");
    const alice = await person("alice@example.test", "user");
    const finance = await db.group.create({ data: { name: "finance" } });
    await db.groupMember.create({ data: { groupId: finance.id, userId: alice } });
    // A local group with the name of a provider group stays local, and its members are the admin's to manage.
    await db.group.create({ data: { name: "shared-name" } });
    await signInThroughProvider("alice@example.test", alice, ["ops", "dev", "shared-name"]);
    expect(await groupsOf(alice)).toEqual(["dev:oidc", "finance:local", "ops:oidc"]);
    await signInThroughProvider("alice@example.test", alice, ["dev"]);
    expect(await groupsOf(alice)).toEqual(["dev:oidc", "finance:local"]);
    // The group itself stays (it may be shared on apps); only the membership went.
    expect(await db.group.findUnique({ where: { name: "ops" } })).toMatchObject({ source: "oidc" });
    expect(await db.group.findUnique({ where: { name: "shared-name" } })).toMatchObject({ source: "local" });
  });

  it("a role change by the mapping ends the person's other sessions, not this one", async () => {
    await person("root@example.test", "admin");
    const alice = await person("alice@example.test", "user");
    const older = await session("alice@example.test");
    const current = await signInThroughProvider("alice@example.test", alice, ["lathe-editors"]);
    expect((await db.user.findUnique({ where: { id: alice } }))?.role).toBe("editor");
    expect((await db.session.findMany({ where: { userId: alice } })).map((s) => s.id)).toEqual([current]);
    expect(older).not.toBe(current);
    const change = await db.auditEntry.findFirst({ where: { action: "user.role", targetId: alice } });
    expect(JSON.parse(change?.detail ?? "{}")).toEqual({ from: "user", to: "editor", by: "sso groups" });
  });

  it("the same role keeps every session", async () => {
    await person("root@example.test", "admin");
    const alice = await person("alice@example.test", "editor");
    await session("alice@example.test");
    await signInThroughProvider("alice@example.test", alice, ["lathe-editors"]);
    expect(await db.session.count({ where: { userId: alice } })).toBe(2);
    expect(await db.auditEntry.count({ where: { action: "user.role" } })).toBe(0);
  });

  it("leaving every mapped group lowers the role to the default", async () => {
    await person("root@example.test", "admin");
    const alice = await person("alice@example.test", "editor");
    await signInThroughProvider("alice@example.test", alice, []);
    expect((await db.user.findUnique({ where: { id: alice } }))?.role).toBe("user");
  });

  it("the installation's only admin is not demoted by the mapping; one of two admins is", async () => {
    const root = await person("root@example.test", "admin");
    await signInThroughProvider("root@example.test", root, ["staff"]);
    expect((await db.user.findUnique({ where: { id: root } }))?.role).toBe("admin");
    expect(await db.auditEntry.count({ where: { action: "user.role.kept", targetId: root } })).toBe(1);

    await person("second@example.test", "admin");
    await signInThroughProvider("root@example.test", root, ["staff"]);
    expect((await db.user.findUnique({ where: { id: root } }))?.role).toBe("user");
  });

  it("without a role map, roles are managed in Lathe: the provider's groups change none", async () => {
    const alice = await person("alice@example.test", "editor");
    const noMap = { ...OIDC, roleMap: new Map() };
    await session("alice@example.test");
    await signInThroughProvider("alice@example.test", alice, ["lathe-admins"], noMap);
    expect((await db.user.findUnique({ where: { id: alice } }))?.role).toBe("editor");
    expect(await db.session.count({ where: { userId: alice } })).toBe(2);
    expect(await groupsOf(alice)).toEqual(["lathe-admins:oidc"]);
  });

  it("groups remembered for another person, or long ago, are not used", async () => {
    await person("root@example.test", "admin");
    const alice = await person("alice@example.test", "editor");
    rememberGroups("bob@example.test", ["lathe-admins"]);
    rememberGroups("alice@example.test", ["lathe-admins"], Date.now() - 120_000);
    const sessionId = await session("alice@example.test");
    await syncOidcUser(db, OIDC, { context: { newSession: { user: { id: alice, email: "alice@example.test" }, session: { id: sessionId } } } });
    expect((await db.user.findUnique({ where: { id: alice } }))?.role).toBe("user");
    expect(await groupsOf(alice)).toEqual([]);
  });

  it("does nothing when the callback made no session", async () => {
    await syncOidcUser(db, OIDC, { context: { newSession: null } });
    expect(await db.auditEntry.count()).toBe(0);
  });
});

describe("better-auth with single sign-on configured", () => {
  it("refuses to start a sign-in with a posted ID token or for another provider (before any provider is asked)", async () => {
    const t = createTestDb();
    try {
      const sso = authFor(t.db, authConfig({ LATHE_OIDC_ISSUER: "http://127.0.0.1:9", LATHE_OIDC_CLIENT_ID: "lathe", LATHE_OIDC_CLIENT_SECRET: "s" }));
      const answer = (body: NonNullable<Parameters<typeof sso.api.signInSocial>[0]>["body"]) =>
        sso.api.signInSocial({ body }).then(
          () => "signed in",
          (e: unknown) => (e instanceof APIError ? `${e.statusCode} ${e.body?.message}` : String(e)),
        );
      const refused = '400 Single sign-on starts with { provider: "oidc", callbackURL }';
      expect(await answer({ provider: "oidc", idToken: { token: "eyJ.x.y" } })).toBe(refused);
      expect(await answer({ provider: "github", callbackURL: "/" })).toBe(refused);
    } finally {
      await t.close();
    }
  });
});
