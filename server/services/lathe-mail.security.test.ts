import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { createTestDb } from "../db/test-db";
import { startSmtp, type TestSmtp } from "../resources/test-support/smtp-server";
import { MAIL_RESOURCE_KEY, sendLatheMail } from "./lathe-mail";
import { createResource } from "./resources";

/** Hole 4 of issue 12: Lathe's own mail tells the admin why it failed, never the password inside. */
const PASSWORD = "mail-Pa55/word+9";
const b64 = (s: string) => Buffer.from(s).toString("base64");

let smtp: TestSmtp;
let t: ReturnType<typeof createTestDb>;
let db: Db;
const key = crypto.randomBytes(32);

beforeAll(async () => {
  smtp = await startSmtp({ auth: { user: "bot", pass: "the-right-one" }, quoteAuth: true, authMethods: ["PLAIN"] });
  t = createTestDb();
  db = t.db;
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe("Lathe's own mail through a server quoting the AUTH line", () => {
  it("fails with the server's words, the AUTH PLAIN line masked", async () => {
    const r = await createResource({ db, key, invalidate: () => {} }, { name: "Mail", kind: "smtp", config: { host: "127.0.0.1", port: smtp.port, security: "none", user: "bot", from: "Lathe <lathe@lathe.test>", timeoutMs: 3000 }, secrets: { password: PASSWORD } });
    await db.setting.upsert({ where: { key: MAIL_RESOURCE_KEY }, create: { key: MAIL_RESOURCE_KEY, value: r.id }, update: { value: r.id } });
    const outcome = await sendLatheMail({ db, key }, { to: "ann@x.test", subject: "Invitation", text: "Hello" });
    expect(outcome).toMatchObject({ status: "failed", message: expect.stringContaining('"AUTH PLAIN [redacted]"') });
    const text = JSON.stringify(outcome);
    for (const s of [PASSWORD, b64(PASSWORD), b64(`\0bot\0${PASSWORD}`)]) expect(text).not.toContain(s);
  });
});
