import { z } from "zod";
import { CATALOGUE, type CodesOf } from "../errors/catalogue";
import type { EngineErrorData } from "../errors/codes";
import { ErrorBody } from "./error-body";

/**
 * The HTTP contract of `POST /api/fn` (seed 002, "Transport Configuration" and "Error Handling").
 * Success: `200 { result }`. Every error: `{ error, fnId, status, code, data? }`.
 */
export const MAX_CALL_BODY_BYTES = 1024 * 1024;
/** How deep a call's arguments may nest (ARGUMENTS_TOO_DEEP past it): checked with the parameters. */
export { MAX_ARGUMENT_DEPTH } from "../params/argument-depth";

/**
 * A call that ran answers with its run's id in history; when the run could not be recorded
 * (runs wait for a database that has stayed busy and the server's queue of them is full) it
 * answers as usual, without the id, and with `X-Lathe-Run-Stored: false`.
 */
export const RUN_ID_HEADER = "X-Lathe-Run-Id";
export const RUN_NOT_STORED_HEADER = "X-Lathe-Run-Stored";

/** The headers of a call that ran, for its run id (null: not recorded). */
export function runHeaders(runId: string | null): Record<string, string> {
  return runId === null ? { [RUN_NOT_STORED_HEADER]: "false" } : { [RUN_ID_HEADER]: runId };
}

/** `{ fnId, args }`: a clean string id and an array holding one object of named parameters, or nothing. */
export const CallRequestBody = z.object(
  {
    fnId: z
      .string({ error: (issue) => (issue.input === undefined ? "fnId is missing" : "fnId must be a string") })
      .min(1, "fnId is empty")
      .refine((s) => s.trim() === s, "fnId has leading or trailing whitespace"),
    args: z
      .array(z.record(z.string(), z.unknown(), { error: "args[0] must be an object of named parameters" }), { error: "args must be an array" })
      .max(1, "args holds at most one object of named parameters"),
  },
  { error: "The request body must be an object { fnId, args }" },
);
export type CallRequestBody = z.infer<typeof CallRequestBody>;

export const CallSuccess = z.object({ result: z.unknown() });
export type CallSuccess = z.infer<typeof CallSuccess>;

export type ContractErrorCode = CodesOf<"engine" | "contract">;

/** The error body of `/api/fn`: the one error body with `fnId` always present and no `field`. */
export const CallErrorEnvelope = ErrorBody.omit({ field: true }).extend({
  fnId: z.string().nullable(),
  code: z.string(),
});
export type CallErrorEnvelope = Omit<z.infer<typeof CallErrorEnvelope>, "code"> & { code: ContractErrorCode };

/** A transport error of the contract, with the catalogue's status (and message unless given). */
export function contractError(code: ContractErrorCode, fnId: string | null, message?: string): CallErrorEnvelope {
  return { error: message ?? CATALOGUE[code].message, fnId, status: CATALOGUE[code].status, code };
}

/** The status a run's error answers with: a ServerError's own (400–599), else the code's. */
export function statusOf(error: EngineErrorData): number {
  const s = error.status;
  return Number.isInteger(s) && s >= 400 && s <= 599 ? s : 500;
}

/** An engine error as the envelope: never its `detail`; `data` only where the catalogue exposes it. */
export function runErrorEnvelope(fnId: string, error: EngineErrorData): CallErrorEnvelope {
  const internal = error.code === "INTERNAL";
  const envelope: CallErrorEnvelope = {
    error: internal ? CATALOGUE.INTERNAL.message : error.message,
    fnId,
    status: internal ? CATALOGUE.INTERNAL.status : statusOf(error),
    code: error.code,
  };
  const data = CATALOGUE[error.code].exposeData ? withBlock(error) : undefined;
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
