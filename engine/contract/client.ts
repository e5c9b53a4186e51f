import { CallSuccess, MAX_CALL_BODY_BYTES } from "./call";
import { callOriginHeaders, type CallOrigin } from "./call-origin";
import { ReceivedErrorBody } from "./error-body";
import { ServerFunctionError, errorFromBody } from "./server-function-error";

export { ServerFunctionError } from "./server-function-error";

/**
 * The typed browser client of `POST /api/fn`. Errors thrown on the server are re-thrown here
 * as `ServerFunctionError` with their message, status, code and data; a network failure is
 * status 0 with `cause`.
 */
export interface CallOptions {
  /** Absolute origin or base URL; defaults to the page's origin. */
  baseUrl?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** For calls from a page: its id and the event that triggered the call, recorded on the run. */
  origin?: CallOrigin;
  fetch?: typeof fetch;
}

function isJson(res: Response): boolean {
  const type = res.headers.get("Content-Type") ?? "";
  return type.split(";")[0].trim().toLowerCase() === "application/json";
}

async function errorFrom(res: Response, fnId: string): Promise<ServerFunctionError> {
  if (isJson(res)) {
    const body: unknown = await res.json().catch(() => null);
    if (ReceivedErrorBody.safeParse(body).success) return errorFromBody(res.status, body, "", fnId);
  }
  const text = (await res.text().catch(() => "")).trim();
  return new ServerFunctionError(text || res.statusText || `Request failed with status ${res.status}`, {
    status: res.status,
    code: "HTTP_ERROR",
    fnId,
  });
}

export async function callFunction<T = unknown>(fnId: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  const body = JSON.stringify({ fnId, args: [params] });
  if (new TextEncoder().encode(body).length > MAX_CALL_BODY_BYTES) {
    throw new ServerFunctionError("The parameters are larger than 1 MiB", { status: 413, code: "PAYLOAD_TOO_LARGE", fnId });
  }
  const url = `${(options.baseUrl ?? "").replace(/\/+$/, "")}/api/fn`;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: "POST",
      headers: { ...options.headers, ...(options.origin ? callOriginHeaders(options.origin) : {}), "Content-Type": "application/json" },
      body,
      signal: options.signal,
    });
  } catch (cause) {
    throw new ServerFunctionError(`Network error: ${cause instanceof Error ? cause.message : String(cause)}`, { status: 0, code: "NETWORK", fnId, cause });
  }
  if (!res.ok) throw await errorFrom(res, fnId);
  if (!isJson(res)) {
    const type = res.headers.get("Content-Type");
    throw new ServerFunctionError(`Expected a JSON answer, got ${type || "no content type"}`, { status: res.status, code: "BAD_RESPONSE", fnId });
  }
  const payload = CallSuccess.safeParse(await res.json());
  if (!payload.success) throw new ServerFunctionError("The answer has no result", { status: res.status, code: "BAD_RESPONSE", fnId });
  return payload.data.result as T; // the function's result is the caller's declared T (it is the function's own JSON)
}
