import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFunction, type RunOutcome } from "@/engine/interpreter";
import { createJsSandbox, type JsSandbox } from "@/engine/sandbox/js";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { startHttp, type TestHttp } from "./test-support/http-server";
import { createRoleAndDatabase, startPostgres, type TestPostgres } from "./test-support/postgres";
import { lookupOf, resource } from "./test-support/resources";
import { startSmtp, type TestSmtp } from "./test-support/smtp-server";
import { oneQuery } from "./test-support/one-query";

/**
 * No secret of a resource may reach a run's outcome (result, error, trace, logs), whether the
 * query succeeds or fails, even when the upstream server echoes the secret back.
 */
const TOKEN = "tok-SECRET-1";
const BASIC = "basic-SECRET-2";
const HEADER_KEY = "key-SECRET-3";
const QUERY_KEY = "q+key/SECRET 4";
const SMTP_PASSWORD = "smtp-SECRET-5";
const PG_PASSWORD = "pg-SECRET-6";
const FORBIDDEN = [TOKEN, BASIC, HEADER_KEY, QUERY_KEY, encodeURIComponent(QUERY_KEY), "q%2Bkey%2FSECRET+4", SMTP_PASSWORD, PG_PASSWORD, Buffer.from(`ann:${BASIC}`).toString("base64")];

let http: TestHttp;
let smtp: TestSmtp;
let pgServer: TestPostgres;
let js: JsSandbox;
const clients = new ResourceClients();
let ports: () => Parameters<typeof runFunction>[2];

function expectNoSecret(outcome: RunOutcome): void {
  const json = JSON.stringify(outcome);
  for (const s of FORBIDDEN) expect(json, `leaked ${s}`).not.toContain(s);
}

beforeAll(async () => {
  [http, smtp, pgServer] = await Promise.all([startHttp(), startSmtp({ auth: { user: "bot", pass: SMTP_PASSWORD } }), startPostgres()]);
  await createRoleAndDatabase(pgServer, "app", PG_PASSWORD);
  js = createJsSandbox({ poolSize: 1 });
  const rest = (id: string, auth: Record<string, unknown>, secrets: Record<string, string>) =>
    resource(id, { kind: "rest", config: { baseUrl: `${http.origin}/api`, auth }, secrets });
  const pg = (id: string, password: string) =>
    resource(id, { kind: "postgres", config: { host: "127.0.0.1", port: pgServer.port, user: "app", database: "app" }, secrets: { password } });
  const mail = (id: string, password: string) =>
    resource(id, { kind: "smtp", config: { host: "127.0.0.1", port: smtp.port, security: "none", user: "bot", from: "a@x.test" }, secrets: { password } });
  const lookup = lookupOf(
    rest("bearer", { type: "bearer" }, { token: TOKEN }),
    rest("basic", { type: "basic", username: "ann" }, { password: BASIC }),
    rest("header", { type: "apiKey", in: "header", name: "X-Key" }, { apiKey: HEADER_KEY }),
    rest("query", { type: "apiKey", in: "query", name: "key" }, { apiKey: QUERY_KEY }),
    pg("pg", PG_PASSWORD),
    pg("pgWrong", `${PG_PASSWORD}-not`),
    resource("pgUrl", { kind: "postgres", config: { useConnectionString: true }, secrets: { connectionString: `postgres://app:${PG_PASSWORD}@127.0.0.1:1/app` } }),
    mail("smtp", SMTP_PASSWORD),
    mail("smtpWrong", `${SMTP_PASSWORD}-not`),
  );
  ports = () => ({ js, resources: createResourcePort(lookup, clients) });
});
afterAll(async () => {
  await js?.close();
  await clients.closeAll();
  await Promise.all([http?.close(), smtp?.close(), pgServer?.stop()]);
});

describe("secrets", () => {
  it.each(["bearer", "basic", "header", "query"])("never leave a %s REST resource, on success or on a 401 echoing them", async (id) => {
    const ok = await runFunction(oneQuery({ kind: "rest", resourceId: id, method: "GET", path: "/echo" }), {}, ports());
    expect(ok.status).toBe("ok");
    expectNoSecret(ok);
    const denied = await runFunction(oneQuery({ kind: "rest", resourceId: id, method: "POST", path: "/echo-401", body: { type: "json", value: "{}" } }), {}, ports());
    expect(denied.error).toMatchObject({ code: "RESOURCE_FAILED", data: { status: 401 } });
    expectNoSecret(denied);
    // The secrets did reach the server: the masking above is what kept them out.
    expect(JSON.stringify(http.hits.slice(-2))).toMatch(/SECRET|a2V5LVNFQ1JFVC0z|YW5uOmJhc2ljLVNFQ1JFVC0y/);
  });

  it("never leave a PostgreSQL resource, in rows, in connection errors or in a connection string", async () => {
    const ok = await runFunction(oneQuery({ kind: "sql", resourceId: "pg", statement: `select current_user as u, '${PG_PASSWORD}' as typed_by_hand` }), {}, ports());
    expect(ok).toMatchObject({ status: "ok", result: { data: [{ u: "app", typed_by_hand: "[redacted]" }] } });
    expectNoSecret(ok);
    const wrong = await runFunction(oneQuery({ kind: "sql", resourceId: "pgWrong", statement: "select 1" }), {}, ports());
    expect(wrong.error?.message).toBe('Could not connect to PostgreSQL: password authentication failed for user "app"');
    expectNoSecret(wrong);
    const url = await runFunction(oneQuery({ kind: "sql", resourceId: "pgUrl", statement: "select 1" }), {}, ports());
    expect(url.status).toBe("error");
    expectNoSecret(url);
  });

  it("never leave an SMTP resource", async () => {
    const ok = await runFunction(oneQuery({ kind: "smtp", resourceId: "smtp", to: "b@x.test", subject: "s", text: SMTP_PASSWORD }), {}, ports());
    expect(ok.status).toBe("ok");
    expectNoSecret(ok);
    const wrong = await runFunction(oneQuery({ kind: "smtp", resourceId: "smtpWrong", to: "b@x.test", subject: "s" }), {}, ports());
    expect(wrong.error?.message).toMatch(/Invalid login/);
    expectNoSecret(wrong);
  });
});
