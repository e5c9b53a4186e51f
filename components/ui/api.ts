/** The editor's JSON API client: throws ApiError with the server's message and field. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly data?: unknown;
  constructor(message: string, status: number, code: string, field?: string, data?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.data = data;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export async function api<T = unknown>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (cause) {
    throw new ApiError(`Could not reach the server: ${String(cause)}`, 0, "NETWORK");
  }
  if (res.status === 204) return undefined as T; // no body: callers of 204 routes ignore the value
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorOf(res.status, body, `Request failed (${res.status})`);
  return body as T; // the route's documented shape
}

/** The editor API's error body `{ error, code, field?, data? }` as an ApiError. */
export function apiErrorOf(status: number, body: unknown, fallback: string): ApiError {
  const b = isRecord(body) ? body : {};
  const message = typeof b.error === "string" ? b.error : fallback;
  const code = typeof b.code === "string" ? b.code : "HTTP_ERROR";
  const field = typeof b.field === "string" ? b.field : undefined;
  return new ApiError(message, status, code, field, b.data);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
