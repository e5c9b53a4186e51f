import { z } from "zod";
import { CATALOGUE, codesOf, type CatalogueCode, type CodesOf } from "./catalogue";

/**
 * The engine's codes, as listed in the one catalogue (./catalogue.ts). Every error that crosses
 * a boundary (sandbox → engine → API → page) is an `EngineErrorData`, a plain JSON object;
 * never rely on `instanceof` for a value that crossed a sandbox.
 */
export const ErrorCode = z.enum(codesOf("engine"));
export type ErrorCode = CodesOf<"engine">;

/** Each engine code's HTTP status, from the catalogue. */
export const ERROR_CODES = Object.fromEntries(ErrorCode.options.map((c) => [c, CATALOGUE[c].status])) as {
  readonly [K in ErrorCode]: (typeof CATALOGUE)[K]["status"];
}; // Object.fromEntries loses the keys; they are exactly ErrorCode's options

/** The serializable shape of every engine error. */
export const EngineErrorData = z.object({
  code: ErrorCode,
  /** For the user: what went wrong, in their terms. */
  message: z.string(),
  /** The block it happened in, by name, when there is one. */
  block: z.string().optional(),
  /** HTTP status the call should answer with. */
  status: z.number(),
  /** User data attached by `ServerError` or a resource (e.g. response body), JSON only. */
  data: z.unknown().optional(),
  /** For the log, never shown to page users: stack, raw cause. */
  detail: z.string().optional(),
});
export type EngineErrorData = z.infer<typeof EngineErrorData>;

/**
 * Lathe's one server-side error class, thrown inside a process and converted with `toErrorData`
 * at every boundary. Its code is any catalogue code; the engine throws engine codes (the
 * default type argument), the services theirs (`ServiceError`, server/services/errors.ts, is
 * this class with the service codes and its own name). The status defaults to the catalogue's.
 */
export class EngineError<C extends CatalogueCode = ErrorCode> extends Error {
  readonly code: C;
  readonly block?: string;
  readonly status: number;
  readonly data?: unknown;
  readonly detail?: string;
  /** The input field it concerns, so a form can show it in place. */
  readonly field?: string;

  constructor(
    code: C,
    message: string,
    opts: { block?: string; status?: number; data?: unknown; detail?: string; field?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "EngineError";
    this.code = code;
    this.block = opts.block;
    this.status = opts.status ?? CATALOGUE[code].status;
    this.data = opts.data;
    this.detail = opts.detail;
    this.field = opts.field;
  }

  /** The serializable shape; only an engine-coded error has one. */
  toData(this: EngineError<ErrorCode>): EngineErrorData {
    const out: EngineErrorData = { code: this.code, message: this.message, status: this.status };
    if (this.block !== undefined) out.block = this.block;
    if (this.data !== undefined) out.data = this.data;
    if (this.detail !== undefined) out.detail = this.detail;
    return out;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return ErrorCode.safeParse(value).success;
}

function isEngineCoded(err: EngineError<CatalogueCode>): err is EngineError<ErrorCode> {
  return isErrorCode(err.code);
}

/** Any thrown value → the serializable shape. Unknown errors become INTERNAL with no internals in `message`. */
export function toErrorData(err: unknown, block?: string): EngineErrorData {
  if (err instanceof EngineError && isEngineCoded(err)) {
    const data = err.toData();
    if (block !== undefined && data.block === undefined) data.block = block;
    return data;
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  const out: EngineErrorData = { code: "INTERNAL", message: "Internal error", status: 500, detail };
  if (block !== undefined) out.block = block;
  return out;
}
