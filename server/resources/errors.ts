import { EngineError, isErrorCode, type ErrorCode } from "@/engine/errors";
import { redact, redactValue, type Secret } from "./redact";

/** A resource failure for the user (502 unless the code says otherwise). */
export function resourceFailed(block: string, message: string, opts: { data?: unknown; detail?: string; cause?: unknown } = {}): EngineError {
  return new EngineError("RESOURCE_FAILED", message, { block, ...opts });
}

/** The message of a thrown value and of its causes (fetch hides the useful part in `cause`). */
export function causeMessage(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    const m = e instanceof Error ? e.message : String(e);
    if (m && !parts.includes(m)) parts.push(m);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(": ");
}

/** The `code` property Node, pg and SQLite errors carry. */
export function errorCode(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code: unknown = Reflect.get(err, "code");
  return typeof code === "string" ? code : undefined;
}

/** An abort reason as the engine error it stands for (the engine aborts with EngineError or its data). */
export function fromAbortReason(reason: unknown, block: string): EngineError {
  if (reason instanceof EngineError) return reason;
  if (reason !== null && typeof reason === "object") {
    const code: unknown = Reflect.get(reason, "code");
    const message: unknown = Reflect.get(reason, "message");
    if (isErrorCode(code) && typeof message === "string") return new EngineError(code, message, { block });
  }
  return new EngineError("RUN_CANCELLED", `"${block}" was cancelled`, { block });
}

/**
 * Any failure as an EngineError naming the block, with every secret masked in its message,
 * data and detail. The one exit of the resource port for errors.
 */
export function cleanError(err: unknown, block: string, secrets: readonly Secret[]): EngineError {
  if (err instanceof EngineError) {
    const code: ErrorCode = err.code;
    return new EngineError(code, redact(err.message, secrets), {
      block: err.block ?? block,
      status: err.status,
      data: err.data === undefined ? undefined : redactValue(err.data, secrets),
      detail: err.detail === undefined ? undefined : redact(err.detail, secrets),
    });
  }
  const message = redact(causeMessage(err), secrets) || "The resource failed";
  return new EngineError("RESOURCE_FAILED", message, { block });
}
