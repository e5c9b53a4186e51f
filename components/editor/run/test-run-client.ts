import type { RunOutcome } from "@/engine/interpreter/types";
import { ApiError, apiErrorOf } from "../../ui/api";
import { isRecord } from "./format";

export interface TestRunResult {
  runId: string;
  outcome: RunOutcome;
}

export function testUrl(fnId: string): string {
  return `/api/functions/${encodeURIComponent(fnId)}/test`;
}

/** The Test endpoint's answer, or an ApiError carrying the server's message, code and data. */
export async function readTestResponse(res: Response): Promise<TestRunResult> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorOf(res.status, body, `Test failed (${res.status})`);
  if (!isRecord(body) || typeof body.runId !== "string" || !isRecord(body.outcome) || !Array.isArray(body.outcome.trace)) {
    throw new ApiError("The server's answer to Test was not understood", res.status, "BAD_RESPONSE");
  }
  // The route answers `{ runId, outcome: RunOutcome }`; its shape is checked above.
  return { runId: body.runId, outcome: body.outcome as unknown as RunOutcome };
}

/** Like ui/api.ts's `api`, with an AbortSignal: aborting drops the request and the server cancels the run. */
export async function postTestRun(fnId: string, body: { definition: unknown; input: Record<string, unknown> }, signal: AbortSignal): Promise<TestRunResult> {
  let res: Response;
  try {
    res = await fetch(testUrl(fnId), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal.aborted) throw cause;
    throw new ApiError(`Could not reach the server: ${String(cause)}`, 0, "NETWORK");
  }
  return readTestResponse(res);
}
