import { HealthResponse } from "@/engine/contract/health";
import { isAdmin } from "@/server/auth/caller";
import { getDb } from "@/server/db/client";
import { reply, route } from "@/server/http/route";
import { pythonSandbox, runWriter } from "@/server/runtime/engine";

export const dynamic = "force-dynamic";

/** Python's pool: how it is isolated on this host and how many processes are ready (degraded, never 503). */
function pythonHealth() {
  const s = pythonSandbox().stats();
  return { isolation: s.isolation, ready: s.idle + s.busy, starting: s.starting, size: s.size, queued: s.queued, rssMB: Math.round(s.rssBytes / 2 ** 20) };
}

/** Run storage: what waits for the database, what was not recorded. */
function runsHealth() {
  const { pendingBytes, ...s } = runWriter(getDb()).stats();
  return { ...s, pendingMB: +(pendingBytes / 2 ** 20).toFixed(2) };
}

/**
 * Liveness and readiness: the process answers and the database responds. Admins also get the
 * details (timings, the database's error, Python's pool); anyone else only `ok`.
 */
export const GET = route({ response: HealthResponse, access: "anyone" }, async ({ caller }) => {
  const started = performance.now();
  const details = isAdmin(caller);
  try {
    await getDb().$queryRaw`SELECT 1`;
    if (!details) return { ok: true };
    return { ok: true as const, db: { ok: true as const, ms: +(performance.now() - started).toFixed(2) }, python: pythonHealth(), runs: runsHealth() };
  } catch (err) {
    return reply(503, details ? { ok: false as const, db: { ok: false as const, error: String(err) } } : { ok: false });
  }
});
