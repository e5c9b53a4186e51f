import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as appsRoute from "@/app/api/apps/route";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { installTestServerState, signedInPerson } from "@/server/test-support/server-state";

// Hole 7 of issue 12: the editor API read a whole body before its 1 MiB check (three parallel
// 300 MB bodies took the server to 2.4 GB; a 600 MB body answered 500). Here real route handlers
// sit behind a real node:http server that hands them the request the way Next does (the Node
// request itself as the body stream), and a separate process sends 600 MB, chunked (no
// Content-Length to refuse up front). The answer must be 413 and the server's memory must not
// follow the body.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const MiB = 1024 * 1024;
const ATTACK_BYTES = 600 * MiB;

let restore: () => Promise<void>;
let editorCookie: string;
let server: http.Server;
let port: number;

/** Node's request as Next hands it to a route handler (next-request.ts: `body: request.body`, the IncomingMessage). */
function serveWith(routes: Record<string, { handler: Handler; params: Record<string, string | string[]> }>): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const target = routes[path];
    if (!target) {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    // An IncomingMessage is an async iterable of chunks, which undici's Request reads as a stream.
    const body = req as unknown as ReadableStream<Uint8Array>;
    const request = new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body, duplex: "half" } as RequestInit);
    void target.handler(request, { params: Promise.resolve(target.params) }).then(async (answer) => {
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
}

/**
 * Sends `bytes` chunked from another process (so its buffers do not count in this one's memory),
 * stopping as soon as the answer comes; resolves to the status, or the error the client saw.
 */
function sendHuge(path: string, bytes: number, cookie: string): Promise<string> {
  const script = `
    const http = require("node:http");
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0, answered = false;
    const req = http.request({ host: "127.0.0.1", port: ${port}, path: ${JSON.stringify(path)}, method: "POST",
      headers: { "content-type": "application/json", cookie: ${JSON.stringify(cookie)}, "transfer-encoding": "chunked" } });
    req.on("response", (res) => { answered = true; let text = ""; res.on("data", (d) => (text += d)); res.on("end", () => { console.log(res.statusCode + " " + text); process.exit(0); }); });
    req.on("error", (e) => { if (!answered) { console.log("error " + e.code); process.exit(0); } });
    const pump = () => { while (!answered && sent < ${bytes}) { sent += chunk.length; if (!req.write(chunk)) return req.once("drain", pump); } if (!answered) req.end(); };
    pump();`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["-e", script], { timeout: 120_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim())));
  });
}

/** Resident memory after a collection, when the test runs with --expose-gc (vitest forks do not always). */
function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

beforeAll(async () => {
  const { t, auth, restore: undo } = installTestServerState();
  restore = undo;
  editorCookie = (await signedInPerson(auth, t.db, "editor@lathe.test", "editor", "Body-cap-test-1")).cookie;
  server = serveWith({
    "/api/apps": { handler: appsRoute.POST, params: {} },
    "/api/auth/sign-in/email": { handler: authRoute.POST, params: { all: ["sign-in", "email"] } },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port; // listening on a TCP port: an AddressInfo
  // Warm up: the code paths of a refusal are loaded before memory is measured.
  await sendHuge("/api/apps", 2 * MiB, editorCookie);
  await sendHuge("/api/auth/sign-in/email", 2 * MiB, "");
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await restore();
});

describe("bodies over the cap are refused while they stream", () => {
  for (const [name, path, cookie] of [
    ["an editor route (route() readJson)", "/api/apps", () => editorCookie],
    ["better-auth's /api/auth/*", "/api/auth/sign-in/email", () => ""],
  ] as const) {
    it(`${name}: a 600 MB chunked body answers 413 without the memory following it`, async () => {
      const before = rss();
      const answer = await sendHuge(path, ATTACK_BYTES, cookie());
      const grown = rss() - before;
      expect(answer).toMatch(/^413 /);
      expect(JSON.parse(answer.slice(4))).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
      expect(grown).toBeLessThan(16 * MiB);
    }, 130_000);
  }

  it("a Content-Length over the cap is refused before any byte is read", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/apps`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: editorCookie },
      body: JSON.stringify({ name: "x".repeat(MiB + 10) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("a body under the cap still goes through", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/apps`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: editorCookie },
      body: JSON.stringify({ name: "Fits" }),
    });
    expect(res.status).toBe(200);
  });
});
