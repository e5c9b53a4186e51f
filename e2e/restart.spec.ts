import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_ENV, sessionCookie } from "./auth";
import { freePort, startServer } from "./server-process";

// Starts its own server twice on one data folder: what a user sees after a restart.
test("a restart keeps everything and does not seed the demo again", async () => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-restart-"));
  const port = await freePort();
  let json: Record<string, string> = {};
  const signedIn = async (url: string) => {
    const cookie = await sessionCookie(url, ADMIN.email, ADMIN.password);
    json = { "Content-Type": "application/json", cookie };
    return { cookie };
  };

  const first = await startServer(dataDir, port, ADMIN_ENV);
  try {
    const auth = await signedIn(first.url);
    const { apps } = await (await fetch(`${first.url}/api/apps`, { headers: auth })).json();
    expect(apps.map((a: { name: string }) => a.name)).toEqual(["Customer admin"]);
    expect((await fetch(`${first.url}/api/apps/${apps[0].id}`, { method: "DELETE", headers: json })).status).toBe(204);
    const created = await fetch(`${first.url}/api/apps`, { method: "POST", headers: json, body: JSON.stringify({ name: "Kept" }) });
    const { app } = await created.json();
    const fn = await fetch(`${first.url}/api/apps/${app.id}/functions`, { method: "POST", headers: json, body: JSON.stringify({ name: "keptFn" }) });
    expect(fn.status).toBe(200);
  } finally {
    await first.stop();
  }

  const second = await startServer(dataDir, port, ADMIN_ENV);
  try {
    const auth = await signedIn(second.url);
    const { apps } = await (await fetch(`${second.url}/api/apps`, { headers: auth })).json();
    expect(apps.map((a: { name: string }) => a.name)).toEqual(["Kept"]);
    const { functions } = await (await fetch(`${second.url}/api/apps/${apps[0].id}/functions`, { headers: auth })).json();
    expect(functions.map((f: { name: string }) => f.name)).toEqual(["keptFn"]);
    expect(second.output()).not.toContain("seeded the demo app");
  } finally {
    await second.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
