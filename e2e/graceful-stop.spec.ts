import fs from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { ADMIN, ADMIN_ENV, sessionCookie } from "./auth";
import { freePort, startServer } from "./server-process";

// Issue 13, failure 8: SIGTERM dropped the calls in flight (connection resets, an acknowledged
// run lost). Now the server stops accepting, lets them answer, stores their runs, then exits.
// Its own server (a built .next is needed, so this is a spec and not a Vitest test).

/** An upstream REST server that holds every request until `release()`. */
async function heldUpstream() {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => held.push(res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, // listening on a TCP port: the address is an AddressInfo
    held: () => held.length,
    release() {
      for (const res of held.splice(0)) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true }));
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const until = async (what: string, ok: () => boolean, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

test("SIGTERM lets the calls in flight answer and stores every run it acknowledged", async () => {
  test.setTimeout(240_000);
  const CALLS = 6;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-stop-"));
  const port = await freePort();
  const upstream = await heldUpstream();
  const server = await startServer(dataDir, port, { ...ADMIN_ENV, LATHE_STOP_GRACE_SECONDS: "60" });
  try {
    const cookie = await sessionCookie(server.url, ADMIN.email, ADMIN.password);
    const json = { "Content-Type": "application/json", cookie };
    const post = async (p: string, body: unknown, method = "POST") => {
      const res = await fetch(`${server.url}${p}`, { method, headers: json, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json();
    };
    const { app } = await post("/api/apps", { name: "Stopping" });
    const { resource } = await post("/api/resources", { name: "Slow upstream", kind: "rest", config: { baseUrl: `${upstream.origin}/api`, auth: { type: "none" } } });
    const fn = (await post(`/api/apps/${app.id}/functions`, { name: "slow" })).function;
    await post(`/api/functions/${fn.id}`, {
      baseVersion: 1,
      definition: {
        schemaVersion: 1,
        params: [{ name: "n", type: "number", required: true }],
        graph: {
          blocks: [
            { id: "start", name: "start", type: "start", config: {} },
            { id: "q", name: "q", type: "query", config: { kind: "rest", resourceId: resource.id, method: "POST", path: "/slow", body: { type: "json", value: "{}" } } },
            { id: "out", name: "out", type: "return", config: { value: "{{ n }}" } },
          ],
          edges: [
            { id: "e1", source: "start", target: "q" },
            { id: "e2", source: "q", target: "out" },
          ],
        },
      },
    }, "PUT");

    const calls = Array.from({ length: CALLS }, (_, n) =>
      fetch(`${server.url}/api/fn`, { method: "POST", headers: json, body: JSON.stringify({ fnId: fn.id, args: [{ n }] }) }).then(
        async (res) => ({ status: res.status, runId: res.headers.get("x-lathe-run-id"), connection: res.headers.get("connection"), body: await res.json() }),
        (err: unknown) => ({ status: 0, runId: null, connection: null, body: String(err) }),
      ),
    );
    await until(`${CALLS} calls to reach the upstream`, () => upstream.held() === CALLS);

    process.kill(server.pgid, "SIGTERM"); // the server itself (start.mjs passes it on)
    // No new connections once stopping (polled: the signal takes a moment to arrive).
    const deadline = Date.now() + 30_000;
    while (!(await refused(port))) {
      if (Date.now() > deadline) throw new Error("the stopping server still accepts connections");
      await new Promise((r) => setTimeout(r, 50));
    }
    upstream.release();

    const answers = await Promise.all(calls);
    for (const [n, a] of answers.entries()) {
      expect(a, `call ${n}`).toMatchObject({ status: 200, body: { result: n }, connection: "close" });
      expect(a.runId).toMatch(/\S/);
    }
    await server.stop(); // waits for the exit (the server is already stopping: the signal changes nothing)

    const db = new Database(path.join(dataDir, "lathe.db"), { readonly: true });
    try {
      const stored = db.prepare("SELECT id FROM Run WHERE functionId = ?").all(fn.id) as Array<{ id: string }>; // better-sqlite3 rows are untyped
      expect(stored.map((r) => r.id).sort()).toEqual(answers.map((a) => a.runId).sort());
    } finally {
      db.close();
    }
  } finally {
    await server.stop();
    await upstream.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
