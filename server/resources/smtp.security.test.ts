import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJsSandbox, type JsSandbox } from "@/engine/sandbox/js";
import type { Db } from "../db/client";
import { createTestDb } from "../db/test-db";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { testConnection } from "./test-connection";
import { lookupOf, resource } from "./test-support/resources";
import { startSmtp, type TestSmtp } from "./test-support/smtp-server";
import { testRunStored } from "./test-support/stored-run";

/**
 * Hole 4 of issue 12: an SMTP server whose refusal quotes the AUTH exchange (the password in
 * base64) must not put the password into the answer or the run history.
 */
const LONG = "smtp-Wr0ng/Pa55+word";
const SHORT = "s3c!";
const b64 = (s: string) => Buffer.from(s).toString("base64");

let plain: TestSmtp;
let login: TestSmtp;
let js: JsSandbox;
let t: ReturnType<typeof createTestDb>;
let db: Db;
const clients = new ResourceClients();
let lookup: ReturnType<typeof lookupOf>;
const ports = () => ({ js, resources: createResourcePort(lookup, clients) });

const mail = (id: string, server: TestSmtp, password: string) =>
  resource(id, { kind: "smtp", config: { host: "127.0.0.1", port: server.port, security: "none", user: "bot", from: "a@x.test", timeoutMs: 5000 }, secrets: { password } });

beforeAll(async () => {
  [plain, login] = await Promise.all([
    startSmtp({ auth: { user: "bot", pass: "the-right-one" }, quoteAuth: true, authMethods: ["PLAIN"] }),
    startSmtp({ auth: { user: "bot", pass: "the-right-one" }, quoteAuth: true, authMethods: ["LOGIN"] }),
  ]);
  js = createJsSandbox({ poolSize: 1 });
  t = createTestDb();
  db = t.db;
  lookup = lookupOf(mail("plainLong", plain, LONG), mail("plainShort", plain, SHORT), mail("loginLong", login, LONG), mail("loginShort", login, SHORT));
});
afterAll(async () => {
  await js?.close();
  await clients.closeAll();
  await Promise.all([plain?.close(), login?.close()]);
  await t?.close();
});

/** Every form the password went over the wire in, and the password itself. */
function forbidden(password: string): string[] {
  return [password, b64(password), b64(`\0bot\0${password}`)];
}

describe("an SMTP server quoting the AUTH line in its refusal", () => {
  it.each([
    ["plainLong", LONG, 'Authentication failed for "AUTH PLAIN [redacted]"'],
    ["plainShort", SHORT, 'Authentication failed for "AUTH PLAIN [redacted]"'],
    ["loginLong", LONG, `Authentication failed for "AUTH LOGIN ${b64("bot")} [redacted]"`],
    ["loginShort", SHORT, `Authentication failed for "AUTH LOGIN ${b64("bot")} [redacted]"`],
  ])("%s: the answer and the stored run of a Test keep the password out", async (id, password, quoted) => {
    const { outcome, stored } = await testRunStored(db, ports(), { kind: "smtp", resourceId: id, to: "b@x.test", subject: "s", text: "t" });
    expect(outcome.error?.message).toContain(quoted);
    for (const text of [JSON.stringify(outcome), JSON.stringify(stored)]) {
      for (const s of forbidden(password)) expect(text, `leaked ${s}`).not.toContain(s);
    }
  });

  it.each([
    ["plainLong", LONG],
    ["loginShort", SHORT],
  ])("%s: a connection test keeps the password out of its message", async (id, password) => {
    const r = await lookup.get(id);
    if (!r) throw new Error("no fixture");
    const result = await testConnection(r.settings);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("[redacted]") });
    for (const s of forbidden(password)) expect(result.message).not.toContain(s);
  });
});
