import { ERROR_CODES, isErrorCode, type EngineErrorData, type ErrorCode } from "../../errors";
import { limitMessages, type LimitMessages } from "../limit-messages";
import type { LogEntry, LogLevel, SandboxLimits, SandboxResult } from "../types";

/**
 * Turning what a Python child sent into a `SandboxResult`. Everything here reads UNTRUSTED
 * data: user code runs in the same interpreter as the harness and can write any frame it
 * likes. So shapes are checked, strings capped, codes limited to those a block may cause,
 * and logs re-counted against the limit.
 */

const MAX_MESSAGE = 2000;
const MAX_DETAIL = 16_000;

/** Error codes the child may report; anything else reads as a crash. */
const CHILD_CODES = new Set<ErrorCode>(["BLOCK_FAILED", "USER_ERROR", "OUTPUT_NOT_JSON", "OUTPUT_TOO_LARGE", "SANDBOX_MEMORY", "SANDBOX_CRASHED"]);

const isLevel = (v: unknown): v is LogLevel => v === "log" || v === "info" || v === "warn" || v === "error";

/** The fields of a parsed JSON object (anything else reads as having none). */
function fields(v: unknown): Record<string, unknown> {
  // `as`: JSON.parse output, every field is checked where it is read.
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The logs of one request, from several frames (streamed batches, then the final one), re-capped here. */
export class LogCollector {
  readonly logs: LogEntry[] = [];
  truncated = false;
  private used = 0;

  constructor(private readonly maxBytes: number) {}

  add(entries: unknown, truncated: unknown): void {
    if (truncated === true) this.truncated = true;
    if (!Array.isArray(entries)) return;
    for (const e of entries) {
      if (this.used > this.maxBytes) return;
      const { level, message, t } = fields(e);
      if (typeof message !== "string") continue;
      const cost = message.length + 40;
      if (this.used + cost > this.maxBytes + 200) {
        // The child's own cap allows the same; only a child that lies gets here.
        this.truncated = true;
        this.used = this.maxBytes + 1;
        this.logs.push({ level: "warn", message: `Logs truncated: this run printed more than ${this.maxBytes} bytes`, t: this.logs.at(-1)?.t ?? 0 });
        return;
      }
      this.used += cost;
      this.logs.push({ level: isLevel(level) ? level : "log", message, t: typeof t === "number" && Number.isFinite(t) ? t : 0 });
    }
  }
}

const DEFAULT_MESSAGES: LimitMessages = {
  ...limitMessages("Python"),
  BLOCK_FAILED: () => "The code failed",
  USER_ERROR: () => "ServerError",
};

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 3) + "..." : s);

/** An error the pool decided on (timeout, memory, cancellation, busy, crash). */
export function poolError(code: ErrorCode, limits: SandboxLimits, detail?: string): EngineErrorData {
  const out: EngineErrorData = { code, message: DEFAULT_MESSAGES[code]?.(limits) ?? "The code failed", status: ERROR_CODES[code] };
  if (detail) out.detail = clip(detail, MAX_DETAIL);
  return out;
}

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

export function failure(error: EngineErrorData, logs: LogCollector): SandboxResult {
  return { ok: false, error, logs: logs.logs, logsTruncated: logs.truncated };
}

export function success(value: unknown, logs: LogCollector): SandboxResult {
  return { ok: true, value, logs: logs.logs, logsTruncated: logs.truncated };
}
