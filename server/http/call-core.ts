import {
  MAX_CALL_BODY_BYTES,
  checkCallHead,
  contractError,
  parseCallBody,
  readCallOrigin,
  runErrorEnvelope,
  runHeaders,
  type CallErrorEnvelope,
} from "@/engine/contract";
import { appAccessCache } from "../auth/app-access";
import type { Caller } from "../auth/caller";
import { checkSession } from "../auth/session";
import { getDb } from "../db/client";
import { definitionCache, enginePorts, hotPath, runWriter } from "../runtime/engine";
import { executeFunction } from "../services/execute";
import type { RunSource } from "../services/runs";

/** A call as both transports see it (Next's Request and Node's IncomingMessage). */
export interface CallInput {
  method: string;
  contentType: string | null;
  contentLength: string | null;
  /** The body as text, or null once it passes `cap` bytes. */
  readBody(cap: number): Promise<string | null>;
  /** Aborts when the caller goes away: the run is cancelled. */
  signal: AbortSignal;
  source: RunSource;
  /** The request's `Cookie` header: the session. */
  cookie: string | null;
  /** The `X-Lathe-Page` and `X-Lathe-Trigger` headers, as sent: checked here, dropped when they do not fit. */
  pageId: string | null;
  trigger: string | null;
}

export interface CallAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** The session cookie better-auth renewed when it slid the idle expiry: send it on. */
  setCookie?: string[];
}

function envelope(body: CallErrorEnvelope, headers: Record<string, string> = {}): CallAnswer {
  return { status: body.status, headers, body };
}

/**
 * `POST /api/fn` (seed 002's contract): checks in the contract's order (method, media type,
 * size, body shape), then runs the function and answers `{ result }` or the error envelope.
 */
export async function answerCall(input: CallInput): Promise<CallAnswer> {
  const head = checkCallHead(input.method, input.contentType, input.contentLength);
  if (head && !head.ok) return envelope(head.envelope, head.headers);
  // The one session check of the call (server/main.ts leaves /api/fn's to here).
  const session = await checkSession(input.cookie);
  const answer = await answerFor(input, session.caller);
  return session.setCookie.length > 0 ? { ...answer, setCookie: session.setCookie } : answer;
}

async function answerFor(input: CallInput, caller: Caller | null): Promise<CallAnswer> {
  if (!caller) return envelope(contractError("UNAUTHENTICATED", null, "Sign in to run functions"));
  const text = await input.readBody(MAX_CALL_BODY_BYTES);
  if (text === null) {
    return envelope(contractError("PAYLOAD_TOO_LARGE", null));
  }
  const call = parseCallBody(text);
  if (!call.ok) return envelope(call.envelope);
  try {
    const db = getDb();
    const deps = {
      db,
      portsFor: (appId: string) => enginePorts(db, appId, input.signal),
      definitions: definitionCache(),
      runs: runWriter(db),
      hot: hotPath(),
    };
    // A function of an app the person may not open answers as if it did not exist.
    const allow = async (appId: string) => (await appAccessCache().get(db, caller, appId)) !== null;
    const origin = readCallOrigin(input.pageId, input.trigger);
    const ran = await executeFunction(deps, call.fnId, call.params, input.source, { caller: caller.user, allow, ...origin });
    if (!ran.found) return envelope(contractError("NOT_FOUND", call.fnId, `No function with id "${call.fnId}"`));
    const headers = runHeaders(ran.runId);
    const { outcome } = ran;
    if (outcome.status === "ok") return { status: 200, headers, body: { result: outcome.result ?? null } };
    if (!outcome.error) throw new Error("a failed run carries no error");
    return envelope(runErrorEnvelope(call.fnId, outcome.error), headers);
  } catch (err) {
    console.error("[lathe] /api/fn failed:", err);
    return envelope(contractError("INTERNAL", call.fnId));
  }
}
