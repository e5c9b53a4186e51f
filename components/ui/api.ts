import type { z } from "zod";
import { ServerFunctionError, errorFromBody } from "@/engine/contract/server-function-error";

/**
 * The editor's JSON API client: `api(Schema, url, init?)` parses the answer with the route's
 * own schema from engine/contract. Every failure is a `ServerFunctionError` (the browser's one
 * error class): the server's message, status, code, field and data; NETWORK (status 0) when
 * the server was not reached; BAD_RESPONSE when the answer does not fit the schema.
 */
export { ServerFunctionError };

export interface ApiInit {
  method?: string;
  body?: unknown;
  /** Aborting drops the request; the abort error is thrown as it came. */
  signal?: AbortSignal;
}

export async function api<S extends z.ZodType>(schema: S, url: string, init: ApiInit = {}): Promise<z.output<S>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      // Every change is sent as JSON, body or not: the server refuses changes of any other type
      // (what a cross-site HTML form can send).
      headers: init.body === undefined && (init.method ?? "GET") === "GET" ? undefined : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (cause) {
    if (init.signal?.aborted) throw cause;
    throw new ServerFunctionError(`Could not reach the server: ${String(cause)}`, { status: 0, code: "NETWORK", cause });
  }
  return readAnswer(schema, res, `Request failed (${res.status})`);
}

/** A response read with `schema`: its error as a ServerFunctionError, `fallback` when the error has no body. */
export async function readAnswer<S extends z.ZodType>(schema: S, res: Response, fallback: string): Promise<z.output<S>> {
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => null);
  if (!res.ok) throw errorFromBody(res.status, body, fallback);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first?.path.length ? ` (at ${first.path.map(String).join(".")})` : "";
  throw new ServerFunctionError(`The server's answer was not understood${where}: ${first?.message ?? "invalid"}`, {
    status: res.status,
    code: "BAD_RESPONSE",
    data: { issues: parsed.error.issues },
  });
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
