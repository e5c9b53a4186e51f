import { NextResponse } from "next/server";
import {
  MAX_CALL_BODY_BYTES,
  checkCallHead,
  parseCallBody,
  runErrorEnvelope,
  type CallErrorEnvelope,
} from "@/engine/contract";
import { getDb } from "../db/client";
import { definitionCache, enginePorts } from "../runtime/engine";
import { executeFunction } from "../services/execute";
import type { RunSource } from "../services/runs";
import { readCapped } from "./read-capped";

function envelope(body: CallErrorEnvelope, headers?: Record<string, string>): NextResponse {
  return NextResponse.json(body, { status: body.status, headers });
}

/**
 * `POST /api/fn` (seed 002's contract): checks in the contract's order (method, media type,
 * size, body shape), then runs the function and answers `{ result }` or the error envelope.
 */
export async function handleCall(req: Request, source: RunSource): Promise<NextResponse> {
  const head = checkCallHead(req.method, req.headers.get("content-type"), req.headers.get("content-length"));
  if (head && !head.ok) return envelope(head.envelope, head.headers);
  const text = await readCapped(req, MAX_CALL_BODY_BYTES);
  if (text === null) {
    return envelope({ error: "The request body is larger than 1 MiB", fnId: null, status: 413, code: "PAYLOAD_TOO_LARGE" });
  }
  const call = parseCallBody(text);
  if (!call.ok) return envelope(call.envelope);
  try {
    const db = getDb();
    const deps = { db, portsFor: (appId: string) => enginePorts(db, appId, req.signal), definitions: definitionCache() };
    const ran = await executeFunction(deps, call.fnId, call.params, source);
    if (!ran.found) return envelope({ error: `No function with id "${call.fnId}"`, fnId: call.fnId, status: 404, code: "NOT_FOUND" });
    const headers = { "X-Lathe-Run-Id": ran.runId };
    const { outcome } = ran;
    if (outcome.status === "ok") return NextResponse.json({ result: outcome.result ?? null }, { headers });
    if (!outcome.error) throw new Error("a failed run carries no error");
    return envelope(runErrorEnvelope(call.fnId, outcome.error), headers);
  } catch (err) {
    console.error("[lathe] /api/fn failed:", err);
    return envelope({ error: "Internal error", fnId: call.fnId, status: 500, code: "INTERNAL" });
  }
}

/** Any other method: 405 with `Allow: POST`, in the same envelope. */
export function methodNotAllowed(req: Request): NextResponse {
  return envelope(
    { error: `Method ${req.method} is not allowed; use POST`, fnId: null, status: 405, code: "METHOD_NOT_ALLOWED" },
    { Allow: "POST" },
  );
}
