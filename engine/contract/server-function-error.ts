import type { CatalogueCode } from "../errors/catalogue";
import { ReceivedErrorBody } from "./error-body";

export interface ServerFunctionErrorInit {
  status: number;
  /** A catalogue code; a string from a newer server is kept as it came. */
  code: CatalogueCode | (string & {});
  /** The function called, for `/api/fn`; null for the editor API. */
  fnId?: string | null;
  data?: unknown;
  /** The form field the error concerns (editor API). */
  field?: string;
  cause?: unknown;
}

/**
 * The browser's one error class: errors thrown on the server are re-thrown here with their
 * message, status, code and data (seed 002's contract); a network failure is status 0 with
 * `cause`; an answer that does not fit its schema is BAD_RESPONSE. Both `callFunction`
 * (`/api/fn`) and `api` (the editor API) throw it.
 */
export class ServerFunctionError extends Error {
  readonly status: number;
  readonly code: string;
  readonly data?: unknown;
  readonly fnId: string | null;
  readonly field?: string;

  constructor(message: string, init: ServerFunctionErrorInit) {
    super(message, { cause: init.cause });
    this.name = "ServerFunctionError";
    this.status = init.status;
    this.code = init.code;
    this.fnId = init.fnId ?? null;
    this.data = init.data;
    if (init.field !== undefined) this.field = init.field;
  }
}

/** An error answer's parsed JSON body (or null) as the error; `fallback` when it is no error body. */
export function errorFromBody(status: number, body: unknown, fallback: string, fnId: string | null = null): ServerFunctionError {
  const parsed = ReceivedErrorBody.safeParse(body);
  if (!parsed.success) return new ServerFunctionError(fallback, { status, code: "HTTP_ERROR", fnId });
  const b = parsed.data;
  return new ServerFunctionError(b.error, { status, code: b.code ?? "HTTP_ERROR", fnId, data: b.data, field: b.field });
}
