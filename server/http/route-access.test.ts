import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../services/apps";
import { createFunction } from "../services/functions";
import { listPages } from "../services/pages";
import { installTestServerState, signedInPerson } from "../test-support/server-state";
import { isAccess, type Access } from "./access";
import { routeDeclaration } from "./route";

// Default deny, proven on every route there is: each method of each app/api/**/route.ts is
// called anonymously, as a `user` with no access to the app its path names, and as a `user` the
// app is shared with for `use`. None may answer 2xx where its declared access says no, and the
// refusals are the documented ones (401 without a session, 403 for a role, 404 for an app the
// person may not open). A new route is in this test the moment its file exists.
const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const routeFiles = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
  .filter((f) => path.basename(f) === "route.ts")
  .sort();

// The server's per-process singletons are pointed at a test database (server/test-support/server-state.ts).
let restore: () => Promise<void>;
let ids: Record<string, string>;
let strangerCookie: string;
let memberCookie: string;

beforeAll(async () => {
  const { t, auth, restore: undo } = installTestServerState();
  restore = undo;
  const app = await createApp(t.db, { name: "Private" });
  const fn = await createFunction(t.db, app.id, { name: "secretFn" });
  const [page] = await listPages(t.db, app.id);
  ids = { appId: app.id, fnId: fn.id, pageId: page.id, runId: "run-x", version: "1", resourceId: "res-x" };
  strangerCookie = (await signedInPerson(auth, t.db, "stranger@lathe.test", "user", "Route-access-1")).cookie;
  const member = await signedInPerson(auth, t.db, "member@lathe.test", "user", "Route-access-1");
  memberCookie = member.cookie;
  await t.db.appMember.create({ data: { appId: app.id, userId: member.id, access: "use" } });
});

afterAll(() => restore());

/** The path params of a route file: `[appId]` → the app's id, `[...all]` → a catch-all. */
function paramsOf(file: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const m of file.matchAll(/\[(\.\.\.)?(\w+)\]/g)) params[m[2]] = m[1] ? ["get-session"] : (ids[m[2]] ?? "x");
  return params;
}

function urlOf(file: string, params: Record<string, string | string[]>): string {
  const route = path.dirname(file).replace(/\[(\.\.\.)?(\w+)\]/g, (_, __, name: string) => {
    const v = params[name];
    return Array.isArray(v) ? v.join("/") : (v ?? "x");
  });
  return `http://127.0.0.1/api/${route}`;
}

async function call(file: string, method: (typeof METHODS)[number], cookie: string | null): Promise<number> {
  const mod: Record<string, unknown> = await import(path.join(API_DIR, file));
  const handler = mod[method];
  if (typeof handler !== "function") throw new Error(`${file} has no ${method}`);
  const params = paramsOf(file);
  const headers: Record<string, string> = { "Content-Type": "application/json", "x-lathe-client-ip": "127.0.0.9" };
  if (cookie) headers.cookie = cookie;
  const body = method === "GET" ? undefined : file === "fn/route.ts" ? JSON.stringify({ fnId: ids.fnId, args: [{}] }) : "{}";
  const req = new Request(urlOf(file, params), { method, headers, body });
  const res = (await handler(req, { params: Promise.resolve(params) })) as Response;
  return res.status;
}

interface Case {
  file: string;
  method: (typeof METHODS)[number];
  access: Access;
}

async function cases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const file of routeFiles) {
    const mod: Record<string, unknown> = await import(path.join(API_DIR, file));
    for (const method of METHODS) {
      if (!(method in mod)) continue;
      const access = routeDeclaration(mod[method])?.access;
      if (!isAccess(access)) throw new Error(`${file} ${method} declares no access`);
      out.push({ file, method, access });
    }
  }
  return out;
}

const ok = (status: number) => status >= 200 && status < 300;

describe("every route, called by people it must refuse", () => {
  it("finds the routes", async () => {
    expect((await cases()).length).toBeGreaterThanOrEqual(25);
  });

  it("anonymous callers get 401 from every route that is not open to anyone", async () => {
    for (const c of await cases()) {
      const status = await call(c.file, c.method, null);
      const label = `${c.method} /api/${c.file} (${c.access}) → ${status}`;
      expect(status, label).not.toBe(500);
      if (c.access === "anyone") continue;
      expect(ok(status), label).toBe(false);
      // /api/fn answers in the call contract's order: a method it does not take is 405 first.
      expect(c.file === "fn/route.ts" && c.method !== "POST" ? [405] : [401], label).toContain(status);
    }
  });

  it("a `user` with no access to the app gets 403 for roles and 404 for the app, never its data", async () => {
    for (const c of await cases()) {
      const status = await call(c.file, c.method, strangerCookie);
      const label = `${c.method} /api/${c.file} (${c.access}) → ${status}`;
      expect(status, label).not.toBe(500);
      if (c.access === "anyone" || c.access === "signedIn") continue;
      expect(ok(status), label).toBe(false);
      const expected = c.file === "fn/route.ts" && c.method !== "POST" ? 405 : c.access === "editor" || c.access === "admin" ? 403 : 404;
      expect(status, label).toBe(expected);
    }
  });

  it("a `user` the app is shared with for `use` may run its functions, and is refused the editor API (403)", async () => {
    for (const c of await cases()) {
      if (c.access !== "appUse" && c.access !== "appEdit") continue;
      const status = await call(c.file, c.method, memberCookie);
      const label = `${c.method} /api/${c.file} (${c.access}) → ${status}`;
      if (c.access === "appEdit") expect(status, label).toBe(403);
      else if (c.method === "POST") expect(status, label).toBe(200);
    }
  });
});
