import { NextResponse } from "next/server";
import { getDb } from "@/server/db/client";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the process answers and the database responds. */
export async function GET() {
  const started = performance.now();
  try {
    await getDb().$queryRaw`SELECT 1`;
    return NextResponse.json({ ok: true, db: { ok: true, ms: +(performance.now() - started).toFixed(2) } });
  } catch (err) {
    return NextResponse.json({ ok: false, db: { ok: false, error: String(err) } }, { status: 503 });
  }
}
