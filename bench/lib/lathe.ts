import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ADMIN, ADMIN_ENV, sessionCookie } from "../../e2e/auth";
import { freePort, startServer, type ServerHandle } from "../../e2e/server-process";
import { build, needsBuild } from "../../scripts/build.mjs";

/** The admin's session cookie per server URL: every request of the benches is signed in. */
const cookies = new Map<string, string>();
export function cookieFor(base: string): string {
  const cookie = cookies.get(base);
  if (!cookie) throw new Error(`no session for ${base}`);
  return cookie;
}

/** Signs the admin in to a server started with ADMIN_ENV; later requests of the benches carry the session. */
export async function signInTo(base: string): Promise<string> {
  const cookie = await sessionCookie(base, ADMIN.email, ADMIN.password);
  cookies.set(base, cookie);
  return cookie;
}

export { ADMIN_ENV };

/** A Lathe server on a throwaway data folder, built first when needed, with its admin signed in. */
export async function withLathe<T>(fn: (server: ServerHandle & { cookie: string }) => Promise<T>): Promise<T> {
  if (needsBuild()) build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-bench-"));
  const server = await startServer(dataDir, await freePort(), ADMIN_ENV);
  try {
    const cookie = await signInTo(server.url);
    return await fn({ ...server, cookie });
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** POST/PUT JSON to the editor API. */
export async function apiJson<T = Record<string, unknown>>(base: string, url: string, body: unknown, method = "POST"): Promise<T> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const cookie = cookies.get(base);
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${base}${url}`, { method, headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Creates an app with one function holding `definition`; returns both ids. */
export async function createFunction(base: string, name: string, definition: unknown): Promise<{ appId: string; fnId: string }> {
  const { app } = await apiJson<{ app: { id: string } }>(base, "/api/apps", { name: `bench ${name} ${Date.now()}` });
  const { function: fn } = await apiJson<{ function: { id: string } }>(base, `/api/apps/${app.id}/functions`, { name });
  await apiJson(base, `/api/functions/${fn.id}`, { baseVersion: 1, definition }, "PUT");
  return { appId: app.id, fnId: fn.id };
}

/** The session cookie as Playwright takes it, for a browser context of `base`. */
export function browserCookie(base: string): { name: string; value: string; url: string } {
  const raw = cookieFor(base);
  const eq = raw.indexOf("=");
  return { name: raw.slice(0, eq), value: raw.slice(eq + 1), url: base };
}
