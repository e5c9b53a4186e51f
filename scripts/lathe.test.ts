import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authFor, type Auth } from "../server/auth/auth";
import { createTestDb } from "../server/db/test-db";

// `npm run lathe -- reset-password`, run as the admin would: a separate process on the same
// database file (DATABASE_URL) and data folder as the server.
const root = path.resolve(import.meta.dirname, "..");
let t: ReturnType<typeof createTestDb>;
let auth: Auth;
let dataDir: string;
const OLD = "Old-pass-word-11";

function lathe(args: string[], input?: string) {
  const res = spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/lathe.ts", ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${t.file}`, LATHE_DATA_DIR: dataDir, LATHE_AUTH_SECRET: "", LATHE_SECRET_KEY: "" },
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function signIn(email: string, password: string): Promise<boolean> {
  try {
    await auth.api.signInEmail({ body: { email, password } });
    return true;
  } catch {
    return false;
  }
}

beforeEach(async () => {
  t = createTestDb();
  auth = authFor(t.db);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-cli-"));
  await auth.api.createUser({ body: { email: "ada@lathe.test", password: OLD, name: "Ada", role: "admin", data: { emailVerified: true } } });
});
afterEach(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm run lathe -- reset-password", () => {
  it("sets a new random password, printed once, and ends every session", async () => {
    await auth.api.signInEmail({ body: { email: "ada@lathe.test", password: OLD } });
    expect(await t.db.session.count()).toBe(1);
    await t.db.signInThrottle.create({ data: { key: "email:ada@lathe.test", failures: 5, windowStart: new Date(), lockedUntil: new Date(Date.now() + 3_600_000) } });

    const res = lathe(["reset-password", "ADA@lathe.test"]);
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    const printed = /^ {2}(\S+)$/m.exec(res.stdout)?.[1] ?? "";
    expect(printed).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(res.stdout).toContain("New password for ada@lathe.test; 1 session ended.");

    expect(await t.db.session.count()).toBe(0);
    expect(await t.db.signInThrottle.count()).toBe(0);
    expect(await signIn("ada@lathe.test", OLD)).toBe(false);
    expect(await signIn("ada@lathe.test", printed)).toBe(true);
    const [entry] = await t.db.auditEntry.findMany({ where: { action: "user.password-reset" } });
    expect(JSON.parse(entry.detail)).toMatchObject({ email: "ada@lathe.test", by: "command line", sessionsEnded: 1 });
    expect(JSON.stringify(entry)).not.toContain(printed);
  });

  it("reads the password from standard input, checked by the rule", async () => {
    const weak = lathe(["reset-password", "ada@lathe.test", "--password-stdin"], "short\n");
    expect(weak.status).toBe(1);
    expect(weak.stderr.trim()).toBe("The password is shorter than 12 characters");
    expect(await signIn("ada@lathe.test", OLD)).toBe(true);

    const ok = lathe(["reset-password", "ada@lathe.test", "--password-stdin"], "Chosen-pass-word-12\n");
    expect(ok.status).toBe(0);
    expect(ok.stdout).not.toContain("Chosen-pass-word-12");
    expect(await signIn("ada@lathe.test", "Chosen-pass-word-12")).toBe(true);
  });

  it("gives a person who only signed in by single sign-on a password account", async () => {
    const { user } = await auth.api.createUser({ body: { email: "sso@lathe.test", password: OLD, name: "Sso", role: "user", data: { emailVerified: true } } });
    await t.db.account.deleteMany({ where: { userId: user.id } });
    await t.db.account.create({ data: { id: "acc-oidc", accountId: "sub-1", providerId: "oidc", userId: user.id } });
    const res = lathe(["reset-password", "sso@lathe.test", "--password-stdin"], "Chosen-pass-word-12");
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("one was added beside single sign-on");
    expect((await t.db.account.findMany({ where: { userId: user.id } })).map((a) => a.providerId).sort()).toEqual(["credential", "oidc"]);
    expect(await signIn("sso@lathe.test", "Chosen-pass-word-12")).toBe(true);
  });

  it("an unknown email, a missing database or a bad command is a clear error", async () => {
    const unknown = lathe(["reset-password", "nobody@lathe.test"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe("No one has the email nobody@lathe.test");
    expect(unknown.stdout).toBe("");

    const usage = lathe(["reset-pasword", "ada@lathe.test"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Unknown command "reset-pasword"');

    const file = t.file;
    t.file = path.join(dataDir, "missing.db");
    const missing = lathe(["reset-password", "ada@lathe.test"]);
    t.file = file;
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`There is no Lathe database at ${path.join(dataDir, "missing.db")}`);
  });
});
