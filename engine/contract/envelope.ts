import type { EngineErrorData, ErrorCode } from "../errors";

/**
 * The HTTP contract of `POST /api/fn` (seed 002, "Transport Configuration" and "Error Handling").
 * Success: `200 { result }`. Every error: `{ error, fnId, status, code, data? }`.
 */
export const MAX_CALL_BODY_BYTES = 1024 * 1024;

export interface CallRequestBody {
  fnId: string;
  /** Holds one object of named parameters, or nothing. */
  args: [] | [Record<string, unknown>];
}

export interface CallSuccess {
  result: unknown;
}

export type ContractErrorCode = ErrorCode | "BAD_REQUEST" | "METHOD_NOT_ALLOWED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE";

export interface CallErrorEnvelope {
  error: string;
  fnId: string | null;
  status: number;
  code: ContractErrorCode;
  data?: unknown;
}

/** The status a run's error answers with: a ServerError's own (400–599), else the code's. */
export function statusOf(error: EngineErrorData): number {
  const s = error.status;
  return Number.isInteger(s) && s >= 400 && s <= 599 ? s : 500;
}

/** An engine error as the envelope: never its `detail`, never internals for INTERNAL. */
export function runErrorEnvelope(fnId: string, error: EngineErrorData): CallErrorEnvelope {
  const internal = error.code === "INTERNAL";
  const envelope: CallErrorEnvelope = {
    error: internal ? "Internal error" : error.message,
    fnId,
    status: internal ? 500 : statusOf(error),
    code: error.code,
  };
  const data = internal ? undefined : withBlock(error);
  if (data !== undefined) envelope.data = data;
  return envelope;
}

/**
 * `data` is what the function's author attached (ServerError data, zod issues, resource
 * body). The failing block's name rides along for engine errors so a page can say where.
 */
function withBlock(error: EngineErrorData): unknown {
  if (error.code === "USER_ERROR" || error.code === "INVALID_PARAMS") return error.data;
  if (error.block === undefined) return error.data;
  return error.data === undefined ? { block: error.block } : { block: error.block, detail: error.data };
}
