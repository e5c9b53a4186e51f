import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/resources/route";
import * as one from "@/app/api/resources/[resourceId]/route";
import * as tester from "@/app/api/resources/test/route";
import { QueryConfig } from "@/engine/model";
import { ResourceClients } from "@/server/resources/clients";
import { createResourcePort } from "@/server/resources/port";
import { closedPort, startHttp, type TestHttp } from "@/server/resources/test-support/http-server";
import { startPostgresRecorder, type PostgresRecorder } from "@/server/resources/test-support/postgres-recorder";
import { context } from "@/server/resources/test-support/resources";
import { startSmtp, type TestSmtp } from "@/server/resources/test-support/smtp-server";
import { loadResource } from "@/server/storage/resources";
import { installTestServerState, signedInPerson } from "@/server/test-support/server-state";

// Attack: a stored secret sent to a host it was not entered for. An admin's stored resource is
// tested (POST /api/resources/test with its id) or saved (PATCH) with another target, without
// entering the secret again; real servers on 127.0.0.1 record everything that arrives.

const S = {
  token: `tok-${crypto.randomUUID()}`,
  apiKey: `key-${crypto.randomUUID()}`,
  queryKey: `qk-${crypto.randomUUID()}`,
  basic: `basic-${crypto.randomUUID()}`,
  pg: `pg-${crypto.randomUUID()}`,
  pgCs: `pgcs-${crypto.randomUUID()}`,
  smtp: `smtp-${crypto.randomUUID()}`,
};

let restore: () => Promise<void>;
let cookie: string;
let home: TestHttp;
let foreign: TestHttp;
let pgFor: PostgresRecorder;
let smtpFor: TestSmtp;
let deadPort: number;
const clients = new ResourceClients();
const key = crypto.randomBytes(32);

type Json = Record<string, unknown>;

async function send(handler: unknown, method: string, url: string, body: unknown, params: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  if (typeof handler !== "function") throw new Error(`no ${method} handler`);
  const req = new Request(`http://127.0.0.1${url}`, {
    method,
    headers: { "Content-Type": "application/json", cookie, "x-lathe-client-ip": "127.0.0.10" },
    body: JSON.stringify(body),
  });
  const res = (await handler(req, { params: Promise.resolve(params) })) as Response;
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
}

async function create(kind: string, config: Json, secrets: Json): Promise<string> {
  const r = await send(collection.POST, "POST", "/api/resources", { name: `r-${crypto.randomUUID()}`, kind, config, secrets });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.resource as { id: string }).id;
}

const testWith = (body: Json) => send(tester.POST, "POST", "/api/resources/test", body);
const patch = (id: string, body: Json) => send(one.PATCH, "PATCH", `/api/resources/${id}`, body, { resourceId: id });

/** Everything that reached the foreign HTTP server, as one text (headers decoded from basic auth too). */
function foreignSaw(since = 0): string {
  return foreign.hits
    .slice(since)
    .map((h) => {
      const auth = String(h.headers.authorization ?? "");
      const basic = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString("utf8") : "";
      return `${h.url}\n${JSON.stringify(h.headers)}\n${basic}\n${h.body}`;
    })
    .join("\n");
}

/** Calls the stored resource as a function's query would. */
async function callStored(id: string, config: unknown): Promise<void> {
  const port = createResourcePort({ get: (rid) => loadResource({ db: dbOf(), key: keyOf() }, rid) }, clients);
  await port.execute(id, QueryConfig.parse(config), context()).catch(() => undefined);
}

let dbOf: () => Parameters<typeof loadResource>[0]["db"];
let keyOf: () => Buffer;

function expectRefusal(r: { status: number; body: Json }, secrets: string[]) {
  expect(r.status, JSON.stringify(r.body)).toBe(409);
  const error = r.body as { code: string; data: { secrets: string[] } }; // the route's ErrorBody
  expect(error.code).toBe("SECRETS_NEED_REENTRY");
  expect(error.data.secrets.sort()).toEqual([...secrets].sort());
}

beforeAll(async () => {
  process.env.LATHE_SECRET_KEY = key.toString("base64");
  const state = installTestServerState();
  restore = state.restore;
  dbOf = () => state.t.db;
  keyOf = () => key;
  cookie = (await signedInPerson(state.auth, state.t.db, "admin@lathe.test", "admin", "Secrets-bound-1")).cookie;
  [home, foreign, pgFor, smtpFor, deadPort] = await Promise.all([startHttp(), startHttp(), startPostgresRecorder(), startSmtp({ auth: { user: "x", pass: "y" } }), closedPort()]);
});

afterAll(async () => {
  await clients.closeAll();
  await Promise.all([home?.close(), foreign?.close(), pgFor?.close(), smtpFor?.close()]);
  await restore?.();
  delete process.env.LATHE_SECRET_KEY;
});

const REST_CASES = [
  { label: "bearer token", auth: { type: "bearer" }, secrets: { token: S.token }, names: ["token"], value: S.token },
  { label: "API key in a header", auth: { type: "apiKey", in: "header", name: "X-Api-Key" }, secrets: { apiKey: S.apiKey }, names: ["apiKey"], value: S.apiKey },
  { label: "API key in the query", auth: { type: "apiKey", in: "query", name: "key" }, secrets: { apiKey: S.queryKey }, names: ["apiKey"], value: S.queryKey },
  { label: "basic password", auth: { type: "basic", username: "ann" }, secrets: { password: S.basic }, names: ["password"], value: S.basic },
] as const;

describe("a stored REST secret never reaches another host", () => {
  for (const c of REST_CASES) {
    it(`${c.label}: not through Test connection`, async () => {
      const id = await create("rest", { baseUrl: `${home.origin}/api`, auth: c.auth }, c.secrets);
      const r = await testWith({ id, kind: "rest", config: { baseUrl: `${foreign.origin}/api`, auth: c.auth } });
      expect(foreignSaw()).not.toContain(c.value);
      expectRefusal(r, [...c.names]);
    });

    it(`${c.label}: not through a PATCH of the base URL and a later call`, async () => {
      const id = await create("rest", { baseUrl: `${home.origin}/api`, auth: c.auth }, c.secrets);
      const r = await patch(id, { config: { baseUrl: `${foreign.origin}/api`, auth: c.auth } });
      await callStored(id, { kind: "rest", resourceId: id, method: "GET", path: "/echo" });
      expect(foreignSaw()).not.toContain(c.value);
      expectRefusal(r, [...c.names]);
      // The failed save left the resource as it was: the call went home, with its secret.
      expect(JSON.stringify(home.hits.at(-1))).toContain(c.label === "basic password" ? Buffer.from(`ann:${c.value}`).toString("base64") : c.value);
    });
  }

  it("a path outside the stored base path is another target too", async () => {
    const id = await create("rest", { baseUrl: `${home.origin}/api`, auth: { type: "bearer" } }, { token: S.token });
    expectRefusal(await patch(id, { config: { baseUrl: `${home.origin}/other`, auth: { type: "bearer" } } }), ["token"]);
  });
});

describe("a stored PostgreSQL password never reaches another host", () => {
  it("fields: not through Test connection", async () => {
    const id = await create("postgres", { host: "127.0.0.1", port: deadPort, database: "db", user: "app", sslMode: "disable" }, { password: S.pg });
    const r = await testWith({ id, kind: "postgres", config: { host: "127.0.0.1", port: pgFor.port, database: "db", user: "app", sslMode: "disable" } });
    expect(JSON.stringify(pgFor.attempts)).not.toContain(S.pg);
    expectRefusal(r, ["password"]);
  });

  it("fields: not through a PATCH of the port and a later call", async () => {
    const id = await create("postgres", { host: "127.0.0.1", port: deadPort, database: "db", user: "app", sslMode: "disable" }, { password: S.pg });
    const r = await patch(id, { config: { host: "127.0.0.1", port: pgFor.port, database: "db", user: "app", sslMode: "disable" } });
    await callStored(id, { kind: "sql", resourceId: id, statement: "select 1" });
    expect(JSON.stringify(pgFor.attempts)).not.toContain(S.pg);
    expectRefusal(r, ["password"]);
  });

  it("connection string: a new connection string does not take the stored password along", async () => {
    const config = { useConnectionString: true, sslMode: "disable" };
    const id = await create("postgres", config, { connectionString: `postgres://app@127.0.0.1:${deadPort}/db`, password: S.pgCs });
    const r = await testWith({ id, kind: "postgres", config, secrets: { connectionString: `postgres://app@127.0.0.1:${pgFor.port}/db` } });
    expect(JSON.stringify(pgFor.attempts)).not.toContain(S.pgCs);
    expectRefusal(r, ["password"]);
  });
});

describe("a stored SMTP password never reaches another host", () => {
  const config = (port: number) => ({ host: "127.0.0.1", port, security: "none", user: "bot", from: "bot@example.com" });

  it("not through Test connection", async () => {
    const id = await create("smtp", config(deadPort), { password: S.smtp });
    const r = await testWith({ id, kind: "smtp", config: config(smtpFor.port) });
    expect(JSON.stringify(smtpFor.auths)).not.toContain(S.smtp);
    expectRefusal(r, ["password"]);
  });

  it("not through a PATCH of the port and a later call", async () => {
    const id = await create("smtp", config(deadPort), { password: S.smtp });
    const r = await patch(id, { config: config(smtpFor.port) });
    await callStored(id, { kind: "smtp", resourceId: id, to: "a@example.com", subject: "hi", text: "x" });
    expect(JSON.stringify(smtpFor.auths)).not.toContain(S.smtp);
    expectRefusal(r, ["password"]);
  });
});

describe("changing the kind carries no secret", () => {
  it("a PostgreSQL password is not sent as a REST basic password", async () => {
    const id = await create("postgres", { host: "127.0.0.1", port: deadPort, database: "db", user: "app" }, { password: S.pg });
    const r = await testWith({ id, kind: "rest", config: { baseUrl: `${foreign.origin}/api`, auth: { type: "basic", username: "app" } } });
    expect(foreignSaw()).not.toContain(S.pg);
    expectRefusal(r, ["password"]);
  });
});

describe("re-entering the secret in the same request works", () => {
  it("Test connection with the secret entered again reaches the new host with it", async () => {
    const id = await create("rest", { baseUrl: `${home.origin}/api`, auth: { type: "bearer" } }, { token: S.token });
    const fresh = `fresh-${crypto.randomUUID()}`;
    const since = foreign.hits.length;
    const r = await testWith({ id, kind: "rest", config: { baseUrl: `${foreign.origin}/api`, auth: { type: "bearer" } }, secrets: { token: fresh } });
    expect(r.status).toBe(200);
    expect(foreignSaw(since)).toContain(fresh);
    expect(foreignSaw(since)).not.toContain(S.token);
  });

  it("a PATCH with the secret entered again moves the resource, and calls go there with it", async () => {
    const id = await create("smtp", { host: "127.0.0.1", port: deadPort, security: "none", user: "x", from: "bot@example.com" }, { password: S.smtp });
    const r = await patch(id, { config: { host: "127.0.0.1", port: smtpFor.port, security: "none", user: "x", from: "bot@example.com" }, secrets: { password: "y" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await callStored(id, { kind: "smtp", resourceId: id, to: "a@example.com", subject: "hi", text: "x" });
    expect(smtpFor.auths.at(-1)).toEqual({ user: "x", pass: "y" });
    expect(smtpFor.messages.length).toBeGreaterThan(0);
  });

  it("a PATCH that keeps the target keeps the secrets", async () => {
    const id = await create("rest", { baseUrl: `${home.origin}/api`, auth: { type: "bearer" } }, { token: S.token });
    const r = await patch(id, { config: { baseUrl: `${home.origin}/api/`, auth: { type: "bearer" }, timeoutMs: 5000 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await callStored(id, { kind: "rest", resourceId: id, method: "GET", path: "/echo" });
    expect(home.hits.at(-1)?.headers.authorization).toBe(`Bearer ${S.token}`);
  });
});
