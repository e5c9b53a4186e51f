import { ERROR_CODES, type EngineErrorData, type ErrorCode } from "../errors";
import { limitMessages, type LimitMessages } from "./limit-messages";
import type { LogEntry, LogLevel, SandboxLimits, SandboxResult } from "./types";

/**
 * Building the one outcome type both pools answer, `SandboxResult`: the logs of a request as
 * they arrive (re-capped here: what a runner sends is untrusted), and the errors a pool decides
 * on itself (busy, cancelled, timeout, memory, crash).
 */

const MAX_DETAIL = 16_000;

const isLevel = (v: unknown): v is LogLevel => v === "log" || v === "info" || v === "warn" || v === "error";

/** The fields of a parsed JSON object (anything else reads as having none). */
export function fields(v: unknown): Record<string, unknown> {
  // `as`: JSON.parse output, every field is checked where it is read.
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 3) + "..." : s);

/** The logs of one request, from one or several frames (streamed batches, then the final one), re-capped here. */
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
        // The runner's own cap allows the same; only a runner that lies gets here.
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

/** The name a sandbox gives itself in its messages ("The Python sandbox is busy…"). */
export type SandboxName = "JavaScript" | "Python";

const MESSAGES: Record<SandboxName, LimitMessages> = { JavaScript: limitMessages("JavaScript"), Python: limitMessages("Python") };

/** An error the pool decided on (timeout, memory, cancellation, busy, crash, output cap). */
export function poolError(name: SandboxName, code: ErrorCode, limits: SandboxLimits, detail?: string): EngineErrorData {
  const out: EngineErrorData = { code, message: MESSAGES[name][code]?.(limits) ?? "The code failed", status: ERROR_CODES[code] };
  if (detail) out.detail = clip(detail, MAX_DETAIL);
  return out;
}

export function failure(error: EngineErrorData, logs: LogCollector): SandboxResult {
  return { ok: false, error, logs: logs.logs, logsTruncated: logs.truncated };
}

export function success(value: unknown, logs: LogCollector): SandboxResult {
  return { ok: true, value, logs: logs.logs, logsTruncated: logs.truncated };
}
