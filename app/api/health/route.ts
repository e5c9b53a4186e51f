import { NextResponse } from "next/server";
import { getDb } from "@/server/db/client";
import { pythonSandbox } from "@/server/runtime/engine";

export const dynamic = "force-dynamic";

/** Python's pool: how it is isolated on this host and how many processes are ready (degraded, never 503). */
function pythonHealth() {
  const s = pythonSandbox().stats();
  return { isolation: s.isolation, ready: s.idle + s.busy, starting: s.starting, size: s.size, queued: s.queued, rssMB: Math.round(s.rssBytes / 2 ** 20) };
}

/** Liveness and readiness: the process answers and the database responds; Python's state is reported. */
export async function GET() {
  const started = performance.now();
  try {
    await getDb().$queryRaw`SELECT 1`;
    return NextResponse.json({ ok: true, db: { ok: true, ms: +(performance.now() - started).toFixed(2) }, python: pythonHealth() });
  } catch (err) {
    return NextResponse.json({ ok: false, db: { ok: false, error: String(err) } }, { status: 503 });
  }
}
