import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startServer, type ServerHandle } from "../../e2e/server-process";
import { build, needsBuild } from "../../scripts/build.mjs";

/** A Lathe server on a throwaway data folder, built first when needed. */
export async function withLathe<T>(fn: (server: ServerHandle) => Promise<T>): Promise<T> {
  if (needsBuild()) build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-bench-"));
  const server = await startServer(dataDir, await freePort());
  try {
    return await fn(server);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** POST/PUT JSON to the editor API. */
export async function apiJson<T = Record<string, unknown>>(base: string, url: string, body: unknown, method = "POST"): Promise<T> {
  const res = await fetch(`${base}${url}`, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
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
