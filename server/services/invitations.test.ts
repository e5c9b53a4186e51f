import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authFor, type Auth } from "../auth/auth";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { startSmtp, type TestSmtp } from "../resources/test-support/smtp-server";
import type { Actor } from "./actor";
import { acceptInvitation, createInvitation, inviteDays, listInvitations, lookUpInvitation, revokeInvitation, tokenHash } from "./invitations";
import { mailSetting, setMailResource } from "./lathe-mail";
import { createResource } from "./resources";
import { defaultWorkspaceId } from "./workspaces";
import { rejection } from "./test-support/rejection";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let auth: Auth;
let admin: Actor;
let smtp: TestSmtp;
const key = crypto.randomBytes(32);
const ORIGIN = "http://lathe.test:3000";
const DAY = 86_400_000;
const T0 = new Date("2026-12-01T10:00:00Z");
const PASSWORD = "Invited-pass-word-9";

function tokenOf(link: string): string {
  const m = /\/invite\/([A-Za-z0-9]+)$/.exec(link);
  if (!m) throw new Error(`not an invitation link: ${link}`);
  return m[1];
}

const invite = (input: unknown, now = T0) => createInvitation({ db, key, now, days: 7 }, admin, input, ORIGIN);

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
beforeEach(async () => {
  smtp.messages.length = 0;
  t = createTestDb();
  db = t.db;
  auth = authFor(db);
  const { user } = await auth.api.createUser({ body: { email: "ada@lathe.test", password: "Admin-pass-word-1", name: "Ada", role: "admin", data: { emailVerified: true } } });
  admin = { id: user.id, email: user.email, ip: "10.0.0.7" };
});
afterEach(() => t.close());

describe("invitations", () => {
  it("makes a link with a random token, stores only its hash, and lists it as pending", async () => {
    const made = await invite({ email: " Eve@Lathe.test ", role: "editor" });
    expect(made.link).toMatch(/^http:\/\/lathe\.test:3000\/invite\/[A-Za-z0-9]{43}$/);
    expect(made.invitation).toMatchObject({ email: "eve@lathe.test", role: "editor", expiresAt: new Date(T0.getTime() + 7 * DAY).toISOString() });
    expect(made.mail).toEqual({ status: "off" });
    const token = tokenOf(made.link);
    const row = await db.invitation.findFirstOrThrow();
    expect(row.tokenHash).toBe(tokenHash(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect((await listInvitations(db, T0)).map((i) => i.email)).toEqual(["eve@lathe.test"]);
    const again = await invite({ email: "eve@lathe.test", role: "user" });
    expect(tokenOf(again.link)).not.toBe(token);
    // Only the newest link of an email opens.
    expect(await lookUpInvitation(db, token, T0)).toEqual({ status: "unknown" });
    expect((await listInvitations(db, T0)).map((i) => i.role)).toEqual(["user"]);
  });

  it("refuses an email that already has an account", async () => {
    const e = await rejection(invite({ email: "ADA@lathe.test", role: "user" }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toBe("ada@lathe.test already has an account");
    expect(await db.invitation.count()).toBe(0);
    expect((await rejection(invite({ email: "not an email", role: "user" }))).code).toBe("VALIDATION");
    expect((await rejection(invite({ email: "x@lathe.test", role: "owner" }))).code).toBe("VALIDATION");
  });

  it("is accepted once: the person gets the invited role and a verified email; a second use creates nothing", async () => {
    const token = tokenOf((await invite({ email: "eve@lathe.test", role: "editor" })).link);
    expect(await lookUpInvitation(db, token, T0)).toMatchObject({ status: "open", email: "eve@lathe.test", role: "editor" });
    const user = await acceptInvitation({ db, auth, now: new Date(T0.getTime() + DAY) }, { token, name: "Eve", password: PASSWORD }, "10.0.0.8");
    expect(user).toMatchObject({ email: "eve@lathe.test", name: "Eve" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: "editor", emailVerified: true });
    const signIn = await auth.api.signInEmail({ body: { email: "eve@lathe.test", password: PASSWORD } });
    expect(signIn.user.id).toBe(user.id);
    expect(await db.invitation.findFirstOrThrow()).toMatchObject({ usedById: user.id, usedAt: new Date(T0.getTime() + DAY) });
    expect(await listInvitations(db, T0)).toEqual([]);

    const twice = await rejection(acceptInvitation({ db, auth, now: new Date(T0.getTime() + DAY) }, { token, name: "Mallory", password: "Other-pass-word-2" }));
    expect(twice.code).toBe("CONFLICT");
    expect(twice.message).toMatch(/already been used/);
    expect(await db.user.count()).toBe(2);
    expect(await lookUpInvitation(db, token, T0)).toEqual({ status: "used" });
  });

  it("the same link sent twice at once creates one person", async () => {
    const token = tokenOf((await invite({ email: "eve@lathe.test", role: "user" })).link);
    const results = await Promise.allSettled([0, 1].map(() => acceptInvitation({ db, auth, now: T0 }, { token, name: "Eve", password: PASSWORD })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email: "eve@lathe.test" } })).toBe(1);
  });

  it("an expired or unknown link creates nothing", async () => {
    const token = tokenOf((await invite({ email: "eve@lathe.test", role: "user" })).link);
    const later = new Date(T0.getTime() + 7 * DAY);
    expect(await lookUpInvitation(db, token, later)).toEqual({ status: "expired" });
    expect(await listInvitations(db, later)).toEqual([]);
    const expired = await rejection(acceptInvitation({ db, auth, now: later }, { token, name: "Eve", password: PASSWORD }));
    expect(expired.code).toBe("CONFLICT");
    expect(expired.message).toBe("This invitation has expired. Ask an admin for a new one.");
    const unknown = await rejection(acceptInvitation({ db, auth, now: T0 }, { token: "x".repeat(43), name: "Eve", password: PASSWORD }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(await db.user.count()).toBe(1);
    // Just before the end it still works.
    await acceptInvitation({ db, auth, now: new Date(later.getTime() - 1) }, { token, name: "Eve", password: PASSWORD });
  });

  it("refuses a weak password and keeps the link usable", async () => {
    const token = tokenOf((await invite({ email: "eve@lathe.test", role: "user" })).link);
    const weak = await rejection(acceptInvitation({ db, auth, now: T0 }, { token, name: "Eve", password: "short" }));
    expect(weak).toMatchObject({ code: "VALIDATION", field: "password" });
    expect(await lookUpInvitation(db, token, T0)).toMatchObject({ status: "open" });
  });

  it("a revoked invitation opens nothing", async () => {
    const made = await invite({ email: "eve@lathe.test", role: "user" });
    await revokeInvitation(db, admin, made.invitation.id);
    expect(await lookUpInvitation(db, tokenOf(made.link), T0)).toEqual({ status: "unknown" });
    expect((await rejection(revokeInvitation(db, admin, made.invitation.id))).code).toBe("NOT_FOUND");
  });

  it("writes audit entries without the token or the password", async () => {
    const made = await invite({ email: "eve@lathe.test", role: "editor" });
    const token = tokenOf(made.link);
    await acceptInvitation({ db, auth, now: T0 }, { token, name: "Eve", password: PASSWORD }, "10.0.0.8");
    const second = await invite({ email: "fay@lathe.test", role: "user" });
    await revokeInvitation(db, admin, second.invitation.id);
    const entries = await db.auditEntry.findMany({ orderBy: { at: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["invitation.create", "invitation.accept", "invitation.create", "invitation.revoke"]);
    expect(entries[0]).toMatchObject({ actorId: admin.id, actorEmail: "ada@lathe.test", ip: "10.0.0.7", targetType: "invitation" });
    expect(entries[1]).toMatchObject({ actorEmail: "eve@lathe.test", ip: "10.0.0.8" });
    expect(JSON.parse(entries[1].detail)).toMatchObject({ email: "eve@lathe.test", role: "editor" });
    const all = JSON.stringify(entries);
    for (const secret of [token, tokenOf(second.link), tokenHash(token), PASSWORD]) expect(all).not.toContain(secret);
  });

  it("LATHE_INVITE_DAYS sets the expiry", () => {
    expect(inviteDays({})).toBe(7);
    expect(inviteDays({ LATHE_INVITE_DAYS: "2" })).toBe(2);
    expect(() => inviteDays({ LATHE_INVITE_DAYS: "soon" })).toThrow(/LATHE_INVITE_DAYS/);
  });
});

describe("Lathe's own mail", () => {
  async function smtpResource(name: string, port: number): Promise<string> {
    const r = await createResource({ db, key, invalidate: () => {} }, { name, kind: "smtp", config: { host: "127.0.0.1", port, security: "none", from: "Lathe <lathe@lathe.test>", timeoutMs: 3000 } });
    return r.id;
  }

  it("mails the invitation through the SMTP resource an admin marked, to a real SMTP server", async () => {
    const id = await smtpResource("Office mail", smtp.port);
    await db.resource.create({ data: { name: "Not mail", kind: "rest", config: JSON.stringify({ baseUrl: "http://127.0.0.1:1" }), configVersion: 1, workspaceId: await defaultWorkspaceId(db) } });
    expect(await mailSetting(db)).toEqual({ resourceId: null, choices: [{ id, name: "Office mail" }] });
    expect(await setMailResource(db, admin, id)).toMatchObject({ resourceId: id });

    const made = await invite({ email: "eve@lathe.test", role: "editor" });
    expect(made.mail).toEqual({ status: "sent" });
    expect(smtp.messages).toHaveLength(1);
    const m = smtp.messages[0];
    expect(m.from).toBe("lathe@lathe.test");
    expect(m.to).toEqual(["eve@lathe.test"]);
    expect(m.raw).toContain("Subject: You are invited to Lathe");
    expect(m.raw.replace(/=\r?\n/g, "")).toContain(made.link);
    expect(JSON.stringify(await db.auditEntry.findMany())).not.toContain(tokenOf(made.link));
  });

  it("a sending failure is told beside the link, which still works", async () => {
    const closed = await startSmtp();
    const port = closed.port;
    await closed.close();
    await setMailResource(db, admin, await smtpResource("Down", port));
    const made = await invite({ email: "eve@lathe.test", role: "user" });
    expect(made.mail).toMatchObject({ status: "failed", message: expect.stringMatching(/^Sending the e-mail through 127\.0\.0\.1:\d+ failed/) });
    expect(await lookUpInvitation(db, tokenOf(made.link), T0)).toMatchObject({ status: "open" });
  });

  it("only an SMTP resource can be Lathe's mail; clearing it stops mailing", async () => {
    const rest = await db.resource.create({ data: { name: "Api", kind: "rest", config: "{}", configVersion: 1, workspaceId: await defaultWorkspaceId(db) } });
    expect((await rejection(setMailResource(db, admin, rest.id))).code).toBe("VALIDATION");
    expect((await rejection(setMailResource(db, admin, "nope"))).code).toBe("NOT_FOUND");
    await setMailResource(db, admin, await smtpResource("Office", smtp.port));
    expect((await setMailResource(db, admin, null)).resourceId).toBeNull();
    expect((await invite({ email: "eve@lathe.test", role: "user" })).mail).toEqual({ status: "off" });
    expect(smtp.messages).toHaveLength(0);
    expect((await db.auditEntry.findMany({ where: { action: "setting.mail" } })).length).toBe(2);
  });
});
