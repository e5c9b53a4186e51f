import { ERROR_CODES, isErrorCode, type EngineErrorData, type ErrorCode } from "../../errors";
import { limitMessages, type LimitMessages } from "../limit-messages";
import { clip, fields } from "../result";
import type { SandboxLimits } from "../types";

/**
 * Reading the `error` of a child's `done` frame (protocol.ts). It is UNTRUSTED: user code runs
 * in the same interpreter as the harness and can write any frame it likes. So its shape is
 * checked, strings capped and codes limited to those a block may cause. Logs are re-counted by
 * the shared `LogCollector` (../result.ts).
 */

const MAX_MESSAGE = 2000;
const MAX_DETAIL = 16_000;

/** Error codes the child may report; anything else reads as a crash. */
const CHILD_CODES = new Set<ErrorCode>(["BLOCK_FAILED", "USER_ERROR", "OUTPUT_NOT_JSON", "OUTPUT_TOO_LARGE", "SANDBOX_MEMORY", "SANDBOX_CRASHED"]);

const DEFAULT_MESSAGES: LimitMessages = {
  ...limitMessages("Python"),
  BLOCK_FAILED: () => "The code failed",
  USER_ERROR: () => "ServerError",
};

/** The `error` of a `done` frame, checked. */
export function childError(raw: unknown, limits: SandboxLimits): EngineErrorData {
  const e = fields(raw);
  const code: ErrorCode = isErrorCode(e.code) && CHILD_CODES.has(e.code) ? e.code : "SANDBOX_CRASHED";
  const size = typeof e.size === "number" && Number.isFinite(e.size) ? e.size : undefined;
  const given = typeof e.message === "string" && e.message !== "" ? clip(e.message, MAX_MESSAGE) : undefined;
  const message = given ?? DEFAULT_MESSAGES[code]?.(limits, size) ?? "The code failed";
  let status: number = ERROR_CODES[code];
  if (code === "USER_ERROR") {
    const s = e.status;
    status = typeof s === "number" && Number.isInteger(s) && s >= 400 && s <= 599 ? s : 500;
  }
  const out: EngineErrorData = { code, message, status };
  if (code === "USER_ERROR" && e.data !== undefined) out.data = e.data;
  if (typeof e.detail === "string" && e.detail !== "") out.detail = clip(e.detail, MAX_DETAIL);
  return out;
}
