import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_STOP_GRACE_SECONDS, gracefulStop, stopGraceSeconds, type GracefulStop } from "./graceful-stop";

// The drain half of server/main.ts's stop, on a real HTTP server with keep-alive clients
// (e2e/graceful-stop.spec.ts stops the whole server under calls).
let server: http.Server;
let agent: http.Agent;
let idleAgent: http.Agent;
afterEach(() => {
  agent?.destroy();
  idleAgent?.destroy();
  server?.closeAllConnections();
  server?.close();
});

/** A server whose /slow answers wait for `release()`; /fast answers at once. */
async function start(graceMs: number) {
  const waiting: Array<() => void> = [];
  let stopper: GracefulStop | null = null;
  server = http.createServer((req, res) => {
    stopper?.track(res);
    const answer = () => res.end(JSON.stringify({ path: req.url }));
    if (req.url === "/slow") waiting.push(answer);
    else answer();
  });
  stopper = gracefulStop(server, graceMs);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  agent = new http.Agent({ keepAlive: true });
  idleAgent = new http.Agent({ keepAlive: true }); // its socket stays idle while `agent` calls

  const port = (server.address() as AddressInfo).port; // a TCP listener: the address is an AddressInfo
  const get = (path: string, via = agent) =>
    new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path, agent: via }, (res) => {
          let body = "";
          res.on("data", (d: Buffer) => (body += d.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
        })
        .on("error", reject);
    });
  const refused = () =>
    new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        resolve(false);
      });
      s.once("error", () => resolve(true));
    });
  const until = async (ok: () => boolean) => {
    while (!ok()) await new Promise((r) => setTimeout(r, 10));
  };
  return { stopper, get, refused, until, waiting, release: () => waiting.splice(0).forEach((a) => a()) };
}

describe("LATHE_STOP_GRACE_SECONDS", () => {
  it("defaults to 30 and takes a whole number of seconds from 0 to 3600", () => {
    expect(stopGraceSeconds({})).toBe(DEFAULT_STOP_GRACE_SECONDS);
    expect(stopGraceSeconds({ LATHE_STOP_GRACE_SECONDS: " 0 " })).toBe(0);
    expect(stopGraceSeconds({ LATHE_STOP_GRACE_SECONDS: "120" })).toBe(120);
    for (const bad of ["-1", "1.5", "30s", "3601", "soon"]) {
      expect(() => stopGraceSeconds({ LATHE_STOP_GRACE_SECONDS: bad }), bad).toThrow(/LATHE_STOP_GRACE_SECONDS must be a whole number of seconds from 0 to 3600 \(it is/);
    }
  });
});

describe("a graceful stop", () => {
  it("refuses new connections, closes idle keep-alive ones, and lets the answers in flight go out", async () => {
    const s = await start(60_000);
    expect(await s.get("/fast", idleAgent)).toMatchObject({ status: 200, connection: "keep-alive" }); // leaves an idle keep-alive socket
    const idle = Object.values(idleAgent.freeSockets).flat()[0];
    expect(idle).toBeDefined();
    const idleClosed = new Promise((r) => idle?.once("close", r));
    const slow = [s.get("/slow"), s.get("/slow"), s.get("/slow")];
    await s.until(() => s.waiting.length === 3);

    const stopped = s.stopper.stop();
    expect(s.stopper.stopping).toBe(true);
    expect(s.stopper.stop()).toBe(stopped);
    await idleClosed;
    expect(await s.refused()).toBe(true);
    s.release();
    for (const answer of await Promise.all(slow)) expect(answer).toEqual({ status: 200, connection: "close", body: '{"path":"/slow"}' });
    expect(await stopped).toBe("drained");
  });

  it("cuts off what is still running when the grace period ends", async () => {
    const s = await start(200);
    const slow = s.get("/slow").then(
      () => "answered",
      () => "cut off",
    );
    await s.until(() => s.waiting.length === 1);
    expect(await s.stopper.stop()).toBe("grace expired");
    expect(await slow).toBe("cut off");
  });
});
