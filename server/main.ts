import fs from "node:fs";
import http from "node:http";
import next from "next";
import { contractError } from "@/engine/contract";
import { getDb, tuneSqlite } from "./db/client";
import { dataDir, sqliteDir } from "./db/config";
import { getAuth } from "./auth/auth";
import { handleCallNode } from "./http/call-node";
import { gate, stampClientIp } from "./http/gate";
import { gracefulStop, stopGraceSeconds } from "./http/graceful-stop";
import { checkRequest, guardConfig } from "./http/request-guard";
import { frameAncestors, newNonce, securityHeaders } from "./http/security-headers";
import { refreshSessionCookie } from "./http/session-refresh";
import { jsSandbox, pythonSandbox, resourceClients, runWriter, secretKey } from "./runtime/engine";
import { moveDemoDatabase } from "./services/demo-database-move";
import { seedDemoOnce } from "./services/seed";
import { adminFromEnvironment } from "./services/setup";
import { startAuditRetention } from "./services/audit-retention";
import { startRunRetention } from "./services/run-retention";
import { migrateSecretHeaders } from "./storage/resources";

/**
 * Lathe's HTTP server: `POST /api/fn` is answered here directly (the hot path of every app),
 * everything else by Next.js. Started by scripts/start.mjs after migrations.
 */
async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT) || 3000;
  const hostname = process.env.HOSTNAME_BIND || undefined;

  const db = getDb();
  await tuneSqlite(db);
  void startAuditRetention(db); // throws on a bad LATHE_AUDIT_DAYS; prunes now, then daily
  const graceSeconds = stopGraceSeconds(); // throws on a bad LATHE_STOP_GRACE_SECONDS: the start stops
  void startRunRetention(db); // throws on a bad LATHE_RUN_DAYS or LATHE_RUN_KEEP; prunes now, then hourly, in small batches
  const headers = await migrateSecretHeaders(db, secretKey());
  if (headers) console.log(`[lathe] moved credential-looking default headers of ${headers} REST resource(s) into their encrypted secrets`);
  // The one folder SQLite resources may open files in (server/resources/sqlite-path.ts).
  fs.mkdirSync(sqliteDir(), { recursive: true });
  const folders = { dataDir: dataDir(), sqliteDir: sqliteDir() };
  if ((await moveDemoDatabase(db, folders)) === "moved") console.log(`[lathe] moved the demo database into ${folders.sqliteDir}`);
  if ((await seedDemoOnce(db, folders)) === "seeded") console.log("[lathe] seeded the demo app");
  if ((await adminFromEnvironment(db, getAuth())) === "created") console.log(`[lathe] created the first admin, ${process.env.LATHE_ADMIN_EMAIL}`);
  jsSandbox(); // start the workers now, not on the first call
  // Python: restore the warm processes (or make the snapshot on the very first start) now, in
  // the background, so the first Python block does not pay for it.
  void pythonSandbox()
    .warmUp()
    .then(() => {
      const iso = pythonSandbox().isolation();
      if (iso.level !== "namespaces") console.warn(`[lathe] Python runs with isolation "${iso.level}": ${iso.warnings.join("; ")}`);
    })
    .catch((err: unknown) => console.error("[lathe] the Python sandbox failed to start:", err));

  const app = next({ dev, dir: process.cwd(), port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();

  const guard = guardConfig();
  const embedders = frameAncestors(process.env.LATHE_FRAME_ANCESTORS); // throws on a bad value: the start stops
  const server = http.createServer((req, res) => {
    drain.track(res);
    void serve(req, res).catch((err: unknown) => {
      console.error("[lathe] request failed:", err);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: "Internal error", status: 500, code: "INTERNAL" }));
    });
  });

  /** A refusal in the error shape of the path: /api/fn's envelope names the function (none was read). */
  const refuse = (res: http.ServerResponse, path: string, code: Parameters<typeof contractError>[0], message?: string) => {
    const { fnId, ...body } = contractError(code, null, message);
    res.writeHead(body.status, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(path === "/api/fn" ? { ...body, fnId } : body));
  };

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = req.url?.split("?")[0] ?? "/";
    // The protective headers go on every answer, refusals and redirects included. Next reads the
    // nonce from the request's policy and puts it on its inline scripts.
    const headers = securityHeaders({ path, nonce: newNonce(), dev, frameAncestors: embedders });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    delete req.headers["content-security-policy-report-only"];
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    const refused = checkRequest(req.method, req.headers, guard, path);
    if (refused) return refuse(res, path, refused.code, refused.message);
    stampClientIp(req);
    await refreshSessionCookie(req, res, path);
    const gated = await gate(db, req, path);
    if (gated.kind === "refuse") return refuse(res, path, gated.code);
    if (gated.kind === "redirect") {
      res.writeHead(303, { Location: gated.location });
      res.end();
      return;
    }
    if (path === "/api/fn") {
      handleCallNode(req, res, "app").catch((err: unknown) => {
        console.error("[lathe] /api/fn failed:", err);
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ error: "Internal error", fnId: null, status: 500, code: "INTERNAL" }));
      });
      return;
    }
    await handle(req, res);
  }
  const drain = gracefulStop(server, graceSeconds * 1000);
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => console.log(`[lathe] listening on ${hostname ?? "all interfaces"}:${port}`));

  // SIGTERM/SIGINT: stop accepting, let the calls in flight answer (LATHE_STOP_GRACE_SECONDS),
  // store their runs, then close the rest and exit. A second signal does not cut this short.
  const stop = () => {
    if (drain.stopping) return;
    console.log(`[lathe] stopping: answering the calls in flight (at most ${graceSeconds} s), then storing their runs`);
    // If closing the rest hangs, exit anyway: the runs were stored before any of it.
    const hard = () => setTimeout(() => process.exit(1), 10_000).unref();
    void drain
      .stop()
      .then((how) => {
        if (how === "grace expired") console.warn(`[lathe] calls still running after ${graceSeconds} s were cut off`);
        return storeRuns();
      })
      .then(() => {
        hard();
        return resourceClients().closeAll();
      })
      .then(() => pythonSandbox().close())
      .then(() => app.close())
      .catch((err: unknown) => console.error("[lathe] stopping failed:", err))
      .finally(() => process.exit(0));
  };
  /** Every run answered so far, written (waiting out a busy database up to 30 s): the one place the stop stores runs. */
  const storeRuns = () => runWriter(db).close(30_000);
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  console.error("[lathe] could not start:", err);
  process.exit(1);
});
