import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import { tuneSqlite } from "@/server/db/client";
import { handleCallNode } from "@/server/http/call-node";
import { gate } from "@/server/http/gate";
import { refreshSessionCookie } from "@/server/http/session-refresh";
import { runWriter } from "@/server/runtime/engine";
import { createApp } from "@/server/services/apps";
import { createFunction } from "@/server/services/functions";
import { installTestServerState, signedInPerson } from "@/server/test-support/server-state";
import { holdWriteLock } from "@/server/test-support/write-lock";

// Issue 13, failure 2: another process holding a write lock on lathe.db for 10 s stopped the
// server for about 10 s, health included (better-sqlite3's synchronous busy_timeout on the main
// thread), and 10–18 runs whose X-Lathe-Run-Id had been returned were never stored. Here a
// second real process holds a write lock (BEGIN IMMEDIATE) on the real database file, until told,
// while a real node:http server (the main server's order: gate, session, /api/fn on Node, health
// through its route handler) takes calls and health probes. Health must answer while the lock is
// held and every acknowledged run must be in the table once it is released.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let state: ReturnType<typeof installTestServerState>;
let cookie: string;
let adminCookie: string;
let fnId: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  state = installTestServerState();
  const { t, auth } = state;
  await tuneSqlite(t.db); // WAL, as the server sets it at start
  const editor = await signedInPerson(auth, t.db, "editor@lathe.test", "editor", "Locked-db-test-1");
  cookie = editor.cookie;
  adminCookie = (await signedInPerson(auth, t.db, "admin@lathe.test", "admin", "Locked-db-test-1")).cookie;
  const app = await createApp(t.db, { name: "Locked" }, editor.id);
  fnId = (await createFunction(t.db, app.id, { name: "f" })).id;
  server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    void (async () => {
      await refreshSessionCookie(req, res, path);
      const gated = await gate(t.db, req, path);
      if (gated.kind !== "pass") return void res.writeHead(500).end("gate");
      if (path === "/api/fn") return handleCallNode(req, res, "app");
      if (path !== "/api/health") return void res.writeHead(404).end();
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const GET: Handler = healthRoute.GET;
      const answer = await GET(new Request(`${base}${req.url}`, { headers }), { params: Promise.resolve({}) });
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // listening on a port: an AddressInfo
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await state.restore();
});

async function call(): Promise<{ status: number; runId: string | null; stored: string | null }> {
  const res = await fetch(`${base}/api/fn`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ fnId, args: [{}] }),
  });
  await res.arrayBuffer();
  return { status: res.status, runId: res.headers.get("x-lathe-run-id"), stored: res.headers.get("x-lathe-run-stored") };
}

describe("a write lock held by another process", () => {
  it.each(["IMMEDIATE", "EXCLUSIVE"] as const)("(BEGIN %s) leaves calls and health answering, and every acknowledged run is stored once it is released", async (mode) => {
    expect((await call()).status).toBe(200); // warm: the sandbox pool, the session cache, the hot path
    await runWriter(state.t.db).flush();
    const busyBefore = runWriter(state.t.db).stats().busyRetries;
    const lock = await holdWriteLock(state.t.file, mode);
    try {
      const answers = await Promise.all(Array.from({ length: 12 }, () => call()));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
      const ids = answers.map((a) => a.runId);
      expect(ids.every((id) => typeof id === "string")).toBe(true);
      // The writer has tried and found the database busy.
      while (runWriter(state.t.db).stats().busyRetries === busyBefore) await new Promise((r) => setTimeout(r, 20));

      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
      expect((await call()).status).toBe(200); // and one more call, still under the lock
      const admin = await fetch(`${base}/api/health`, { headers: { cookie: adminCookie } });
      expect(await admin.json()).toMatchObject({ ok: true, runs: { pending: expect.any(Number), refused: 0, failed: 0 } });
      expect(await lock.held()).toBe(true); // all of it answered while the lock was held
      expect(await state.t.db.run.count({ where: { id: { in: ids.filter((id) => id !== null) } } })).toBe(0);

      await lock.release();
      await runWriter(state.t.db).flush();
      expect(await state.t.db.run.count({ where: { id: { in: ids.filter((id) => id !== null) } } })).toBe(12);
    } finally {
      lock.kill();
    }
  }, 60_000);

  it("past the queue's bound, a call answers as usual, without a run id and with X-Lathe-Run-Stored: false", async () => {
    await runWriter(state.t.db).close();
    delete (globalThis as { __latheRuns?: unknown }).__latheRuns; // the server's writer, made again with the bound below
    process.env.LATHE_RUN_QUEUE_MB = "0.01"; // about 10 KiB: a few runs
    let lock: Awaited<ReturnType<typeof holdWriteLock>> | null = null;
    try {
      runWriter(state.t.db);
      lock = await holdWriteLock(state.t.file);
      const answers: { status: number; runId: string | null; stored: string | null }[] = [];
      while (answers.at(-1)?.stored !== "false" && answers.length < 200) answers.push(await call());
      const refused = answers.at(-1);
      expect(refused).toEqual({ status: 200, runId: null, stored: "false" });
      const ids = answers.map((a) => a.runId).filter((id): id is string => id !== null);
      expect(ids.length).toBe(answers.length - 1);
      expect(answers.slice(0, -1).every((a) => a.stored === null)).toBe(true);
      await lock.release();
      await runWriter(state.t.db).flush();
      expect(await state.t.db.run.count({ where: { id: { in: ids } } })).toBe(ids.length);
    } finally {
      lock?.kill();
      delete process.env.LATHE_RUN_QUEUE_MB;
    }
  }, 60_000);
});
