import { ERROR_CODES, isErrorCode, type EngineErrorData, type ErrorCode } from "../../errors";
import { limitMessages } from "../limit-messages";
import type { RunnerError, SandboxLimits, SandboxResult } from "../types";
import type { RunAnswer } from "./protocol";

/**
 * A worker's answer (protocol.ts) read into a `SandboxResult`. The worker and the kernel are the
 * sandbox's own code, but user code shapes what they report (messages, ServerError status and
 * data), so the code is checked against the catalogue and the status against its type.
 */

const DEFAULT_MESSAGES = limitMessages("JavaScript");

export function answerToResult(answer: RunAnswer, limits: SandboxLimits): SandboxResult {
  const { logs, logsTruncated } = answer;
  if (!answer.ok) {
    const code: ErrorCode = isErrorCode(answer.error.code) ? answer.error.code : "SANDBOX_CRASHED";
    return { ok: false, error: errorData(code, limits, answer.error), logs, logsTruncated };
  }
  let value: unknown = null;
  try {
    if (answer.value !== "") value = JSON.parse(answer.value);
  } catch {
    const error = errorData("SANDBOX_CRASHED", limits, { code: "SANDBOX_CRASHED", detail: "the result was not valid JSON" });
    return { ok: false, error, logs, logsTruncated };
  }
  return { ok: true, value, logs, logsTruncated };
}

function errorData(code: ErrorCode, limits: SandboxLimits, from: RunnerError): EngineErrorData {
  const size = typeof from.size === "number" ? from.size : undefined;
  const given = typeof from.message === "string" && from.message !== "" ? from.message : undefined;
  const message = given ?? DEFAULT_MESSAGES[code]?.(limits, size) ?? "The code failed";
  const status = typeof from.status === "number" ? from.status : ERROR_CODES[code];
  const out: EngineErrorData = { code, message, status };
  if (from.data !== undefined) out.data = from.data;
  if (typeof from.detail === "string" && from.detail !== "") out.detail = from.detail;
  return out;
}
