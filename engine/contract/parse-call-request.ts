import { MAX_CALL_BODY_BYTES, type CallErrorEnvelope } from "./envelope";

export type ParsedCall =
  | { ok: true; fnId: string; params: Record<string, unknown> }
  | { ok: false; envelope: CallErrorEnvelope; headers?: Record<string, string> };

function fail(status: number, code: CallErrorEnvelope["code"], error: string, fnId: string | null = null, headers?: Record<string, string>): ParsedCall {
  return { ok: false, envelope: { error, fnId, status, code }, headers };
}

/** `application/json`, parameters (charset…) allowed, nothing else. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (!contentType) return false;
  return contentType.split(";")[0].trim().toLowerCase() === "application/json";
}

/** Method and media type, checked before the body is read. */
export function checkCallHead(method: string, contentType: string | null, contentLength: string | null): ParsedCall | null {
  if (method !== "POST") return fail(405, "METHOD_NOT_ALLOWED", `Method ${method} is not allowed; use POST`, null, { Allow: "POST" });
  if (!isJsonMediaType(contentType)) {
    return fail(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
  }
  if (contentLength !== null && Number(contentLength) > MAX_CALL_BODY_BYTES) {
    return fail(413, "PAYLOAD_TOO_LARGE", "The request body is larger than 1 MiB");
  }
  return null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The body, once read: `{ fnId, args }` with a clean string id and an array of at most one object. */
export function parseCallBody(text: string): ParsedCall {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(400, "BAD_REQUEST", "The request body is not valid JSON");
  }
  if (!isPlainObject(body)) return fail(400, "BAD_REQUEST", "The request body must be an object { fnId, args }");
  const { fnId, args } = body;
  if (fnId === undefined) return fail(400, "BAD_REQUEST", "fnId is missing");
  if (typeof fnId !== "string") return fail(400, "BAD_REQUEST", "fnId must be a string");
  if (fnId === "") return fail(400, "BAD_REQUEST", "fnId is empty");
  if (fnId.trim() !== fnId) return fail(400, "BAD_REQUEST", "fnId has leading or trailing whitespace", fnId);
  if (!Array.isArray(args)) return fail(400, "BAD_REQUEST", "args must be an array", fnId);
  if (args.length > 1) return fail(400, "BAD_REQUEST", "args holds at most one object of named parameters", fnId);
  const params = args.length === 0 ? {} : args[0];
  if (!isPlainObject(params)) return fail(400, "BAD_REQUEST", "args[0] must be an object of named parameters", fnId);
  return { ok: true, fnId, params };
}
