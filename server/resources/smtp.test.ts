import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ResourceSettings, type LoadedResource } from "@/engine/resources";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { testConnection } from "./test-connection";
import { closedPort } from "./test-support/http-server";
import { context, lookupOf, query, rejection } from "./test-support/resources";
import { startSmtp, type TestSmtp } from "./test-support/smtp-server";

let open: TestSmtp;
let authed: TestSmtp;
const clients = new ResourceClients();
let lookup: ReturnType<typeof lookupOf>;
const port = () => createResourcePort(lookup, clients);

function smtp(id: string, portNumber: number, config: Record<string, unknown> = {}, secrets: Record<string, string> = {}): LoadedResource {
  const settings = ResourceSettings.parse({ kind: "smtp", config: { host: "127.0.0.1", port: portNumber, security: "none", from: "Lathe <noreply@lathe.test>", timeoutMs: 3000, ...config }, secrets });
  return { id, name: id, settings };
}

async function settingsOf(id: string): Promise<ResourceSettings> {
  const r = await lookup.get(id);
  if (!r) throw new Error(`no fixture ${id}`);
  return r.settings;
}

const mail = (more: Record<string, unknown>, resourceId = "mail") => query({ kind: "smtp", resourceId, to: "ann@x.test", subject: "Hi", text: "Hello", ...more });

beforeAll(async () => {
  open = await startSmtp();
  authed = await startSmtp({ auth: { user: "bot", pass: "smtp-Pass-31" } });
});
beforeEach(() => {
  open.messages.length = 0;
  authed.messages.length = 0;
  lookup = lookupOf(
    smtp("mail", open.port),
    smtp("auth", authed.port, { user: "bot" }, { password: "smtp-Pass-31" }),
    smtp("badauth", authed.port, { user: "bot" }, { password: "wrong-Pass-32" }),
  );
});
afterAll(async () => {
  await clients.closeAll();
  await open.close();
  await authed.close();
});

describe("SMTP resource", () => {
  it("sends one message to every recipient, giving its Message-ID", async () => {
    const r = await port().execute("mail", mail({ to: 'ann@x.test, "Doe, Jo" <jo@x.test>', cc: "cc@x.test", bcc: "hidden@x.test", subject: "Customer 7 deleted", text: "Gone.", html: "<p>Gone.</p>" }), context());
    expect(open.messages).toHaveLength(1);
    const m = open.messages[0];
    expect(m.from).toBe("noreply@lathe.test");
    expect(m.to).toEqual(["ann@x.test", "jo@x.test", "cc@x.test", "hidden@x.test"]);
    expect(m.raw).toContain("Subject: Customer 7 deleted");
    expect(m.raw).toContain("Gone.");
    expect(m.raw).toContain("<p>Gone.</p>");
    expect(m.raw).not.toContain("hidden@x.test");
    expect(typeof r.data).toBe("string");
    expect(m.raw).toContain(`Message-ID: ${String(r.data)}`);
    expect(r.metadata).toMatchObject({ accepted: ["ann@x.test", "jo@x.test", "cc@x.test", "hidden@x.test"], rejected: [], response: expect.stringMatching(/^250/) });
  });

  it("signs in when the resource has a user", async () => {
    await port().execute("auth", mail({}, "auth"), context());
    expect(authed.messages).toMatchObject([{ user: "bot", to: ["ann@x.test"] }]);
    const e = await rejection(port().execute("badauth", mail({}, "badauth"), context()));
    expect(e).toMatchObject({ code: "RESOURCE_FAILED", message: expect.stringMatching(/^Sending the e-mail through 127\.0\.0\.1:\d+ failed: Invalid login/) });
    expect(JSON.stringify(e)).not.toContain("wrong-Pass-32");
    expect(authed.messages).toHaveLength(1);
  });

  it("refuses bad addresses, no recipient, and a message with nothing in it", async () => {
    expect((await rejection(port().execute("mail", mail({ to: "ann@x.test, not an address" }), context()))).message).toBe('"not an address" in To is not an e-mail address');
    expect((await rejection(port().execute("mail", mail({ to: "", cc: "bob" }), context()))).message).toBe('"bob" in Cc is not an e-mail address');
    expect((await rejection(port().execute("mail", mail({ to: " " }), context()))).message).toBe("Give at least one recipient in To, Cc or Bcc");
    expect((await rejection(port().execute("mail", mail({ subject: "", text: "" }), context()))).message).toBe("Give the e-mail a subject or a body");
    expect(open.messages).toHaveLength(0);
  });

  it("keeps a line break in the subject from adding headers", async () => {
    await port().execute("mail", mail({ subject: "Hi\r\nBcc: evil@x.test" }), context());
    expect(open.messages[0].to).toEqual(["ann@x.test"]);
    expect(open.messages[0].raw).toMatch(/^Subject: Hi Bcc: evil@x\.test$/m);
  });

  it("tests a connection, signing in", async () => {
    const ok = await testConnection(await settingsOf("auth"));
    expect(ok).toEqual({ ok: true, message: `Connected to 127.0.0.1:${authed.port} and signed in` });
    const bad = await testConnection(await settingsOf("badauth"));
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/Invalid login/) });
    const down = await testConnection(smtp("down", await closedPort()).settings);
    expect(down).toMatchObject({ ok: false, message: expect.stringMatching(/ECONNREFUSED/) });
  });
});
