import { MAX_CALL_BODY_BYTES, type CallErrorEnvelope } from "./envelope";

/**
 * The typed browser client of `POST /api/fn`. Errors thrown on the server are re-thrown here
 * with their message, status, code and data; a network failure is status 0 with `cause`.
 */
export class ServerFunctionError extends Error {
  readonly status: number;
  readonly code: string;
  readonly data?: unknown;
  readonly fnId: string;

  constructor(message: string, init: { status: number; code: string; fnId: string; data?: unknown; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.name = "ServerFunctionError";
    this.status = init.status;
    this.code = init.code;
    this.fnId = init.fnId;
    this.data = init.data;
  }
}

export interface CallOptions {
  /** Absolute origin or base URL; defaults to the page's origin. */
  baseUrl?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

function isEnvelope(v: unknown): v is CallErrorEnvelope {
  return typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string"; // shape probe of untrusted JSON
}

async function errorFrom(res: Response, fnId: string): Promise<ServerFunctionError> {
  const type = res.headers.get("Content-Type") ?? "";
  if (type.split(";")[0].trim().toLowerCase() === "application/json") {
    const body: unknown = await res.json().catch(() => null);
    if (isEnvelope(body)) {
      return new ServerFunctionError(body.error, { status: res.status, code: String(body.code ?? "HTTP_ERROR"), fnId, data: body.data });
    }
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
      headers: { ...options.headers, "Content-Type": "application/json" },
      body,
      signal: options.signal,
    });
  } catch (cause) {
    throw new ServerFunctionError(`Network error: ${cause instanceof Error ? cause.message : String(cause)}`, { status: 0, code: "NETWORK", fnId, cause });
  }
  if (!res.ok) throw await errorFrom(res, fnId);
  const type = res.headers.get("Content-Type") ?? "";
  if (type.split(";")[0].trim().toLowerCase() !== "application/json") {
    throw new ServerFunctionError(`Expected a JSON answer, got ${type || "no content type"}`, { status: res.status, code: "BAD_RESPONSE", fnId });
  }
  const payload: unknown = await res.json();
  if (typeof payload !== "object" || payload === null || !("result" in payload)) {
    throw new ServerFunctionError("The answer has no result", { status: res.status, code: "BAD_RESPONSE", fnId });
  }
  return (payload as { result: T }).result; // the function's result is the caller's declared T
}
