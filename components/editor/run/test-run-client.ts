import { TestRunResponse } from "@/engine/contract/runs";
import { api, readAnswer } from "../../ui/api";

export type TestRunResult = TestRunResponse;

export function testUrl(fnId: string): string {
  return `/api/functions/${encodeURIComponent(fnId)}/test`;
}

/** The Test endpoint's answer, or a ServerFunctionError carrying the server's message, code and data. */
export function readTestResponse(res: Response): Promise<TestRunResult> {
  return readAnswer(TestRunResponse, res, `Test failed (${res.status})`);
}

/** Aborting drops the request and the server cancels the run. */
export function postTestRun(fnId: string, body: { definition: unknown; input: Record<string, unknown> }, signal: AbortSignal): Promise<TestRunResult> {
  return api(TestRunResponse, testUrl(fnId), { method: "POST", body, signal });
}
