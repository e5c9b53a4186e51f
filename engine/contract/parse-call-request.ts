import { ARGUMENTS_TOO_DEEP_MESSAGE, argumentsDeeperThan } from "../params/argument-depth";
import { CallRequestBody, MAX_CALL_BODY_BYTES, contractError, type CallErrorEnvelope, type ContractErrorCode } from "./call";

export type ParsedCall =
  | { ok: true; fnId: string; params: Record<string, unknown> }
  | { ok: false; envelope: CallErrorEnvelope; headers?: Record<string, string> };

function fail(code: ContractErrorCode, error: string, fnId: string | null = null, headers?: Record<string, string>): ParsedCall {
  return { ok: false, envelope: contractError(code, fnId, error), headers };
}

/** `application/json`, parameters (charset…) allowed, nothing else. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (!contentType) return false;
  return contentType.split(";")[0].trim().toLowerCase() === "application/json";
}

/** Method and media type, checked before the body is read. */
export function checkCallHead(method: string, contentType: string | null, contentLength: string | null): ParsedCall | null {
  if (method !== "POST") return fail("METHOD_NOT_ALLOWED", `Method ${method} is not allowed; use POST`, null, { Allow: "POST" });
  if (!isJsonMediaType(contentType)) return fail("UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
  if (contentLength !== null && Number(contentLength) > MAX_CALL_BODY_BYTES) {
    return fail("PAYLOAD_TOO_LARGE", "The request body is larger than 1 MiB");
  }
  return null;
}

/**
 * The body, once read, parsed with the contract's `CallRequestBody`; the first problem is the
 * message. Arguments nested deeper than MAX_ARGUMENT_DEPTH are ARGUMENTS_TOO_DEEP (the body's
 * 1 MiB cap bounds their size).
 */
export function parseCallBody(text: string): ParsedCall {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail("BAD_REQUEST", "The request body is not valid JSON");
  }
  const parsed = CallRequestBody.safeParse(body);
  if (!parsed.success) {
    // The id rides along once it is a non-empty string, so the caller can tell which call failed.
    const fnId = typeof body === "object" && body !== null && "fnId" in body && typeof body.fnId === "string" && body.fnId !== "" ? body.fnId : null;
    return fail("BAD_REQUEST", parsed.error.issues[0]?.message ?? "The request body is malformed", fnId);
  }
  const { fnId, args } = parsed.data;
  const params = args[0] ?? {};
  // Before the function is even loaded: nothing deeper reaches zod, a block or the stored run.
  if (argumentsDeeperThan(params)) return fail("ARGUMENTS_TOO_DEEP", ARGUMENTS_TOO_DEEP_MESSAGE, fnId);
  return { ok: true, fnId, params };
}
