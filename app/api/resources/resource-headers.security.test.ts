import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fnRoute from "@/app/api/fn/route";
import * as collection from "@/app/api/resources/route";
import * as one from "@/app/api/resources/[resourceId]/route";
import { runWriter } from "@/server/runtime/engine";
import { startHttp, type TestHttp } from "@/server/resources/test-support/http-server";
import { migrateSecretHeaders } from "@/server/storage/resources";
import { secretKey } from "@/server/runtime/engine";
import { installTestServerState, signedInPerson } from "@/server/test-support/server-state";
import { createApp } from "@/server/services/apps";
import { createFunction, getFunction, saveFunction } from "@/server/services/functions";

// Attack: an API key put in a REST resource's "default headers" was stored and shown in plain
// text, to every editor who lists resources. A credential-looking header must be a secret:
// never in an API answer, the audit log or a run, and still sent to the upstream server.

const HKEY = `hdr-${crypto.randomUUID()}`;
const OLD_KEY = `old-${crypto.randomUUID()}`;

let restore: () => Promise<void>;
let cookie: string;
let db: ReturnType<typeof installTestServerState>["t"]["db"];
let upstream: TestHttp;

type Json = Record<string, unknown>;

async function send(handler: unknown, method: string, url: string, body?: unknown, params: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  if (typeof handler !== "function") throw new Error(`no ${method} handler`);
  const req = new Request(`http://127.0.0.1${url}`, {
    method,
    headers: { "Content-Type": "application/json", cookie, "x-lathe-client-ip": "127.0.0.11" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = (await handler(req, { params: Promise.resolve(params) })) as Response;
  return { status: res.status, text: await res.text() };
}

/** A function that GETs the upstream's echo (which answers with the request's headers). */
async function echoFunction(resourceId: string): Promise<string> {
  const app = await createApp(db, { name: `echo ${crypto.randomUUID()}` });
  const fn = await createFunction(db, app.id, { name: "echo" });
  const def = (await getFunction(db, fn.id)).definition;
  def.graph.blocks = [
    { id: "start", name: "start", type: "start", config: {} },
    { id: "q", name: "q", type: "query", config: { kind: "rest", resourceId, method: "GET", path: "/echo", query: [], headers: [], body: { type: "none" } } },
    { id: "out", name: "out", type: "return", config: { value: "{{ q.data }}" } },
  ];
  def.graph.edges = [
    { id: "e1", source: "start", target: "q", port: "next" },
    { id: "e2", source: "q", target: "out", port: "next" },
  ];
  await saveFunction(db, fn.id, { definition: def, baseVersion: 1 });
  return fn.id;
}

async function everythingStored(): Promise<string> {
  await runWriter(db).flush();
  const [resources, audit, runs] = await Promise.all([db.resource.findMany(), db.auditEntry.findMany(), db.run.findMany()]);
  return JSON.stringify({ resources, audit, runs });
}

beforeAll(async () => {
  process.env.LATHE_SECRET_KEY = crypto.randomBytes(32).toString("base64");
  const state = installTestServerState();
  restore = state.restore;
  db = state.t.db;
  cookie = (await signedInPerson(state.auth, db, "admin@lathe.test", "admin", "Secret-headers-1")).cookie;
  upstream = await startHttp();
});

afterAll(async () => {
  await upstream?.close();
  await restore?.();
  delete process.env.LATHE_SECRET_KEY;
});

describe("a credential in a REST default header is a secret", () => {
  it("never appears in resource answers, the audit log or a run, and still reaches the upstream", async () => {
    const created = await send(collection.POST, "POST", "/api/resources", {
      name: "Keyed API",
      kind: "rest",
      config: { baseUrl: `${upstream.origin}/api`, headers: [{ key: "X-Api-Key", value: HKEY }, { key: "Accept", value: "application/json" }] },
    });
    expect(created.status, created.text).toBe(200);
    const { resource } = JSON.parse(created.text) as { resource: { id: string; config: { headers: Json[] }; secretsSet: Json } };
    // Accept stays plain and visible; X-Api-Key is marked secret, set, and shown without its value.
    expect(resource.config.headers).toEqual([{ key: "X-Api-Key", value: "", secret: true }, { key: "Accept", value: "application/json" }]);
    expect(resource.secretsSet).toEqual({ "header:x-api-key": true });

    const renamed = await send(one.PATCH, "PATCH", `/api/resources/${resource.id}`, { name: "Keyed API 2", config: { ...resource.config } }, { resourceId: resource.id });
    expect(renamed.status, renamed.text).toBe(200);
    const answers = [
      created.text,
      renamed.text,
      (await send(collection.GET, "GET", "/api/resources")).text,
      (await send(one.GET, "GET", `/api/resources/${resource.id}`, undefined, { resourceId: resource.id })).text,
    ];

    const fnId = await echoFunction(resource.id);
    const ran = await send(fnRoute.POST, "POST", "/api/fn", { fnId, args: [{}] });
    expect(ran.status, ran.text).toBe(200);
    answers.push(ran.text);
    expect(upstream.hits.at(-1)?.headers["x-api-key"]).toBe(HKEY);
    expect(upstream.hits.at(-1)?.headers.accept).toBe("application/json");

    for (const a of answers) expect(a).not.toContain(HKEY);
    expect(ran.text).toContain("[redacted]");
    const stored = await everythingStored();
    expect(stored).toContain("resource.change");
    expect(stored).not.toContain(HKEY);
  });

  it("a header stored in plain text before is made secret on read, keeping its value", async () => {
    const ws = await db.workspace.findFirstOrThrow();
    const config = { baseUrl: `${upstream.origin}/api`, headers: [{ key: "Authorization", value: `Token ${OLD_KEY}` }, { key: "Accept", value: "text/plain" }], auth: { type: "none" }, timeoutMs: 30_000, maxResponseBytes: 10_485_760 };
    const row = await db.resource.create({ data: { workspaceId: ws.id, name: "Old API", kind: "rest", config: JSON.stringify(config), configVersion: 1 } });

    const listed = await send(collection.GET, "GET", "/api/resources");
    expect(listed.text).not.toContain(OLD_KEY);
    expect(listed.text).toContain("text/plain");
    const after = await db.resource.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.config).not.toContain(OLD_KEY);
    expect(after.secrets).toMatch(/^v1:/);

    const fnId = await echoFunction(row.id);
    const ran = await send(fnRoute.POST, "POST", "/api/fn", { fnId, args: [{}] });
    expect(ran.status, ran.text).toBe(200);
    expect(upstream.hits.at(-1)?.headers.authorization).toBe(`Token ${OLD_KEY}`);
    expect(ran.text).not.toContain(OLD_KEY);
    expect(await everythingStored()).not.toContain(OLD_KEY);
  });

  it("a header stored in plain text before is made secret at start, for a resource nobody opens", async () => {
    const ws = await db.workspace.findFirstOrThrow();
    const value = `start-${crypto.randomUUID()}`;
    const config = { baseUrl: `${upstream.origin}/api`, headers: [{ key: "X-Session-Token", value }], auth: { type: "none" }, timeoutMs: 30_000, maxResponseBytes: 10_485_760 };
    const row = await db.resource.create({ data: { workspaceId: ws.id, name: "Unopened API", kind: "rest", config: JSON.stringify(config), configVersion: 1 } });
    expect(await migrateSecretHeaders(db, secretKey())).toBe(1);
    expect(await migrateSecretHeaders(db, secretKey())).toBe(0);
    const after = await db.resource.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.config).not.toContain(value);
    expect(after.secrets).toMatch(/^v1:/);
  });
});
