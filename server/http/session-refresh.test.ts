import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authConfig } from "../auth/config";
import { sessionCache } from "../auth/session-cache";
import { installTestServerState, signedInPerson } from "../test-support/server-state";
import { refreshSessionCookie } from "./session-refresh";

// A real HTTP server on 127.0.0.1 whose handler does what server/main.ts does before every
// page and route, then answers 204: the renewed session cookie must reach the browser.
let state: ReturnType<typeof installTestServerState>;
let server: http.Server;
let base: string;
let person: { id: string; cookie: string };

beforeAll(async () => {
  state = installTestServerState();
  person = await signedInPerson(state.auth, state.t.db, "renew@lathe.test", "user");
  server = http.createServer((req, res) => {
    void refreshSessionCookie(req, res, req.url?.split("?")[0] ?? "/").then(() => {
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await state.restore();
});

/** Makes the session look last renewed long enough ago that better-auth renews it on the next check. */
async function makeStale(): Promise<void> {
  const { idleSeconds } = authConfig();
  const updateAge = Math.min(Math.floor(idleSeconds / 10), 3600);
  await state.t.db.session.updateMany({ where: { userId: person.id }, data: { expiresAt: new Date(Date.now() + (idleSeconds - updateAge - 60) * 1000) } });
  sessionCache().clear();
}

describe("refreshSessionCookie", () => {
  it("a fresh session sends no cookie; a stale one gets the renewed cookie on any page or route", async () => {
    expect((await fetch(`${base}/apps`, { headers: { cookie: person.cookie } })).headers.getSetCookie()).toEqual([]);
    await makeStale();
    const res = await fetch(`${base}/api/me`, { headers: { cookie: person.cookie } });
    const [set] = res.headers.getSetCookie();
    expect(set).toMatch(/^lathe\.session_token=/);
    expect(set).toContain(`Max-Age=${authConfig().idleSeconds}`);
    // Renewed once: the next request sends nothing.
    sessionCache().clear();
    expect((await fetch(`${base}/`, { headers: { cookie: person.cookie } })).headers.getSetCookie()).toEqual([]);
  });

  it("better-auth's own endpoints, /api/fn (answerCall renews its own), static files and requests without cookies are left alone", async () => {
    await makeStale();
    expect((await fetch(`${base}/_next/static/chunks/main.js`, { headers: { cookie: person.cookie } })).headers.getSetCookie()).toEqual([]);
    expect((await fetch(`${base}/api/auth/get-session`, { headers: { cookie: person.cookie } })).headers.getSetCookie()).toEqual([]);
    expect((await fetch(`${base}/api/fn`, { headers: { cookie: person.cookie } })).headers.getSetCookie()).toEqual([]);
    expect((await fetch(`${base}/`)).headers.getSetCookie()).toEqual([]);
  });
});
