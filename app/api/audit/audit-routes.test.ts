import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as appRoute from "@/app/api/apps/[appId]/route";
import * as functionsOfApp from "@/app/api/apps/[appId]/functions/route";
import * as auditRoute from "@/app/api/audit/route";
import * as functionRoute from "@/app/api/functions/[fnId]/route";
import * as resourcesRoute from "@/app/api/resources/route";
import * as resourceRoute from "@/app/api/resources/[resourceId]/route";
import { AuditListResponse } from "@/engine/contract/audit";
import type { Auth } from "@/server/auth/auth";
import { installTestServerState } from "@/server/test-support/server-state";
import { createApp } from "@/server/services/apps";
import { getFunction } from "@/server/services/functions";

// The routes that change things write one audit entry each, naming who did it and from where;
// the log is for admins only; and no password, token or secret value ever reaches it.
// The server's per-process singletons (db, auth, secret key) point at a test database.
const PASSWORD = "Audit-secret-pw-1";
const WRONG_PASSWORD = "Wrong-guess-pw-9";
const SECRETS = { token: "tok-AUDIT-5e1f-never-logged", password: "pg-AUDIT-77aa-never-logged", changed: "tok-AUDIT-rotated-never-logged" };
const IP = "198.51.100.7";

let state: ReturnType<typeof installTestServerState>;
let t: ReturnType<typeof installTestServerState>["t"];
let auth: Auth;
let admin: { id: string; cookie: string; token: string };
let editorCookie: string;

async function person(email: string, role: "admin" | "editor" | "user") {
  const { user } = await auth.api.createUser({ body: { email, password: PASSWORD, name: email, role, data: { emailVerified: true } } });
  const { headers } = await auth.api.signInEmail({ body: { email, password: PASSWORD }, returnHeaders: true, headers: new Headers({ "x-lathe-client-ip": IP }) });
  const cookie = headers.getSetCookie().find((c) => c.includes("session_token="))?.split(";")[0];
  if (!cookie) throw new Error("no session cookie");
  // The cookie is `<token>.<signature>`: the token is what the Session row stores.
  const token = decodeURIComponent(cookie.split("=")[1]).split(".")[0];
  return { id: user.id, cookie, token };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, url: string, init: { method?: string; cookie: string; params?: Record<string, string>; body?: unknown }) {
  const headers: Record<string, string> = { cookie: init.cookie, "x-lathe-client-ip": IP };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const req = new Request(`http://127.0.0.1${url}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return handler(req, { params: Promise.resolve(init.params ?? {}) });
}

beforeAll(async () => {
  state = installTestServerState({ secretKey: true });
  ({ t, auth } = state);
  admin = await person("ada.admin@lathe.test", "admin");
  editorCookie = (await person("eddie.editor@lathe.test", "editor")).cookie;
});

afterAll(async () => {
  await state.restore();
});

beforeEach(async () => {
  await t.db.auditEntry.deleteMany();
});

describe("audit entries written by the routes", () => {
  it("a function save writes exactly one function.save entry naming the actor, the address and the new version", async () => {
    const app = await createApp(t.db, { name: "Audit app" });
    const created = await call(functionsOfApp.POST, `/api/apps/${app.id}/functions`, { method: "POST", cookie: admin.cookie, params: { appId: app.id }, body: { name: "getOrders" } });
    expect(created.status).toBe(200);
    const { function: fn } = (await created.json()) as { function: { id: string } };
    const { definition } = await getFunction(t.db, fn.id);
    await t.db.auditEntry.deleteMany();

    const saved = await call(functionRoute.PUT, `/api/functions/${fn.id}`, { method: "PUT", cookie: admin.cookie, params: { fnId: fn.id }, body: { definition, baseVersion: 1 } });
    expect(saved.status).toBe(200);
    const rows = await t.db.auditEntry.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "function.save", actorId: admin.id, actorEmail: "ada.admin@lathe.test", targetType: "function", targetId: fn.id, ip: IP });
    expect(JSON.parse(rows[0].detail)).toEqual({ name: "getOrders", version: 2 });
  });

  it("a refused change writes nothing", async () => {
    const app = await createApp(t.db, { name: "Stale app" });
    const created = await call(functionsOfApp.POST, `/api/apps/${app.id}/functions`, { method: "POST", cookie: admin.cookie, params: { appId: app.id }, body: { name: "f" } });
    const { function: fn } = (await created.json()) as { function: { id: string } };
    const { definition } = await getFunction(t.db, fn.id);
    await t.db.auditEntry.deleteMany();
    const stale = await call(functionRoute.PUT, `/api/functions/${fn.id}`, { method: "PUT", cookie: admin.cookie, params: { fnId: fn.id }, body: { definition, baseVersion: 7 } });
    expect(stale.status).toBe(409);
    expect(await t.db.auditEntry.count()).toBe(0);
  });

  it("an app rename records the old and the new name, a delete what was deleted", async () => {
    const app = await createApp(t.db, { name: "Old name" });
    expect((await call(appRoute.PATCH, `/api/apps/${app.id}`, { method: "PATCH", cookie: admin.cookie, params: { appId: app.id }, body: { name: "New name" } })).status).toBe(200);
    expect((await call(appRoute.DELETE, `/api/apps/${app.id}`, { method: "DELETE", cookie: admin.cookie, params: { appId: app.id } })).status).toBe(204);
    const rows = await t.db.auditEntry.findMany({ orderBy: { action: "asc" } });
    expect(rows.map((r) => [r.action, r.targetId, JSON.parse(r.detail)])).toEqual([
      ["app.delete", app.id, { name: "New name" }],
      ["app.rename", app.id, { from: "Old name", name: "New name" }],
    ]);
  });
});

describe("GET /api/audit", () => {
  it("answers admins, filtered, and refuses an editor (403)", async () => {
    const app = await createApp(t.db, { name: "Listed app" });
    await call(appRoute.PATCH, `/api/apps/${app.id}`, { method: "PATCH", cookie: admin.cookie, params: { appId: app.id }, body: { name: "Listed app 2" } });
    await call(functionsOfApp.POST, `/api/apps/${app.id}/functions`, { method: "POST", cookie: admin.cookie, params: { appId: app.id }, body: { name: "listed" } });
    const res = await call(auditRoute.GET, "/api/audit?action=function.&actor=ADA", { cookie: admin.cookie });
    expect(res.status).toBe(200);
    const list = AuditListResponse.parse(await res.json());
    expect(list.entries.map((e) => e.action)).toEqual(["function.create"]);
    expect(list.hasMore).toBe(false);
    expect((await call(auditRoute.GET, "/api/audit", { cookie: editorCookie })).status).toBe(403);
    expect((await call(auditRoute.GET, "/api/audit?pageSize=201", { cookie: admin.cookie })).status).toBe(400);
  });
});

describe("the audit log never holds a password, token or secret", () => {
  it("after a resource with secrets is created and changed, a sign-in and a failed one", async () => {
    const created = await call(resourcesRoute.POST, "/api/resources", {
      method: "POST",
      cookie: admin.cookie,
      body: { name: "Billing", kind: "rest", config: { baseUrl: "https://billing.example.com/v1", auth: { type: "bearer" } }, secrets: { token: SECRETS.token } },
    });
    expect(created.status).toBe(200);
    const { resource } = (await created.json()) as { resource: { id: string } };
    const changed = await call(resourceRoute.PATCH, `/api/resources/${resource.id}`, {
      method: "PATCH",
      cookie: admin.cookie,
      params: { resourceId: resource.id },
      body: { config: { baseUrl: "https://billing.example.com/v2", auth: { type: "bearer" } }, secrets: { token: SECRETS.changed } },
    });
    expect(changed.status).toBe(200);
    const pg = await call(resourcesRoute.POST, "/api/resources", {
      method: "POST",
      cookie: admin.cookie,
      body: { name: "Warehouse", kind: "postgres", config: { host: "127.0.0.1", port: 5432, database: "wh", user: "reader" }, secrets: { password: SECRETS.password } },
    });
    expect(pg.status).toBe(200);
    const signedIn = await person("sam.signin@lathe.test", "user");
    await expect(auth.api.signInEmail({ body: { email: "sam.signin@lathe.test", password: WRONG_PASSWORD }, headers: new Headers({ "x-lathe-client-ip": IP }) })).rejects.toThrow();

    const rows = await t.db.auditEntry.findMany();
    expect(rows.map((r) => r.action).sort()).toEqual(["resource.change", "resource.create", "resource.create", "sign-in", "sign-in.failed"]);
    const change = rows.find((r) => r.action === "resource.change");
    expect(JSON.parse(change?.detail ?? "{}")).toEqual({ name: "Billing", kind: "rest", changed: ["config.baseUrl", "secrets.token"] });
    const sessions = (await t.db.session.findMany()).map((s) => s.token);
    expect(sessions).toContain(signedIn.token);
    const needles = [PASSWORD, WRONG_PASSWORD, ...Object.values(SECRETS), ...sessions, admin.cookie.split("=")[1], signedIn.cookie.split("=")[1]];
    for (const row of rows) {
      const text = JSON.stringify(row);
      for (const needle of needles) expect(text, `${row.action} holds a secret`).not.toContain(needle);
    }
  });
});
