/**
 * The one error taxonomy. Codes are stable: pages, API clients and stored runs read them.
 * Every error that crosses a boundary (sandbox → engine → API → page) is an `EngineErrorData`,
 * a plain JSON object; never rely on `instanceof` for a value that crossed a sandbox.
 */
export const ERROR_CODES = {
  INVALID_PARAMS: 400,
  INVALID_GRAPH: 400,
  INVALID_DEFINITION: 400,
  NOT_FOUND: 404,
  USER_ERROR: 500, // the status comes from ServerError; 500 when it gives none
  BLOCK_FAILED: 500,
  SANDBOX_TIMEOUT: 500,
  // A query, call-function or loop block over its own `timeoutMs` (code blocks: SANDBOX_TIMEOUT).
  BLOCK_TIMEOUT: 500,
  SANDBOX_MEMORY: 500,
  SANDBOX_CRASHED: 500,
  OUTPUT_TOO_LARGE: 500,
  OUTPUT_NOT_JSON: 500,
  LOG_LIMIT: 500,
  EXECUTOR_BUSY: 503,
  RUN_TIMEOUT: 504,
  RUN_CANCELLED: 499,
  BLOCK_LIMIT: 500,
  EXPRESSION_FAILED: 500,
  RESOURCE_FAILED: 502,
  NOT_CONFIGURED: 501,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The serializable shape of every engine error. */
export interface EngineErrorData {
  code: ErrorCode;
  /** For the user: what went wrong, in their terms. */
  message: string;
  /** The block it happened in, by name, when there is one. */
  block?: string;
  /** HTTP status the call should answer with. */
  status: number;
  /** User data attached by `ServerError` or a resource (e.g. response body), JSON only. */
  data?: unknown;
  /** For the log, never shown to page users: stack, raw cause. */
  detail?: string;
}

/** Thrown inside a process; converted with `toErrorData` at every boundary. */
export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly block?: string;
  readonly status: number;
  readonly data?: unknown;
  readonly detail?: string;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { block?: string; status?: number; data?: unknown; detail?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "EngineError";
    this.code = code;
    this.block = opts.block;
    this.status = opts.status ?? ERROR_CODES[code];
    this.data = opts.data;
    this.detail = opts.detail;
  }

  toData(): EngineErrorData {
    const out: EngineErrorData = { code: this.code, message: this.message, status: this.status };
    if (this.block !== undefined) out.block = this.block;
    if (this.data !== undefined) out.data = this.data;
    if (this.detail !== undefined) out.detail = this.detail;
    return out;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** Any thrown value → the serializable shape. Unknown errors become INTERNAL with no internals in `message`. */
export function toErrorData(err: unknown, block?: string): EngineErrorData {
  if (err instanceof EngineError) {
    const data = err.toData();
    if (block !== undefined && data.block === undefined) data.block = block;
    return data;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  const out: EngineErrorData = { code: "INTERNAL", message: "Internal error", status: 500, detail };
  if (block !== undefined) out.block = block;
  return out;
}
