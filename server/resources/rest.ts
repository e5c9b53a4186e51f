import { EngineError } from "@/engine/errors";
import type { QueryConfig } from "@/engine/model";
import type { QueryResult } from "@/engine/ports";
import type { ResourceSettingsOf } from "@/engine/resources";
import { causeMessage, resourceFailed } from "./errors";
import type { SecretMask } from "./redact";
import { BodyTooLargeError, bodyValue, errorBodyValue, headersObject, readBody } from "./rest-body";
import { applyApiKeyParam, applyQueryParams, buildBody, buildHeaders, RestRequestError } from "./rest-request";
import { assertUnderBase, RestPathError, resolveRestUrl } from "./rest-url";

type RestQuery = Extract<QueryConfig, { kind: "rest" }>;

export interface RestContext {
  block: string;
  /** Aborts on the resource timeout and on the engine's deadlines. */
  signal: AbortSignal;
  /** The resource's secrets: an error body is masked before it is cut. */
  mask: SecretMask;
}

/** How much of a failed response's body goes into the error's data. */
export const ERROR_BODY_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The method and the path as the user wrote it, query string left out (it may carry a key). */
function label(query: RestQuery): string {
  const path = query.path.trim().split("?")[0] ?? "";
  return `${query.method} ${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * Follows redirects by hand, and only under the base URL: fetch's own redirect handling
 * would carry an API-key header to whatever server a redirect names.
 */
async function send(url: URL, base: URL, init: RequestInit & { method: string }, what: string, onRedirect: (next: URL) => void): Promise<{ res: Response; url: URL }> {
  let current = url;
  let method = init.method;
  let body = init.body;
  for (let hop = 0; ; hop++) {
    const res = await fetch(current, { ...init, method, body, redirect: "manual" });
    const location = res.headers.get("location");
    if (!REDIRECTS.has(res.status) || location === null || hop === MAX_REDIRECTS) return { res, url: current };
    await res.body?.cancel().catch(() => {});
    const next = new URL(location, current);
    try {
      assertUnderBase(next, base, next.pathname);
    } catch (err) {
      throw new RestRequestError(`${what} was redirected (${res.status}) outside the resource's base URL; such redirects are not followed. ${err instanceof Error ? err.message : ""}`.trim());
    }
    onRedirect(next);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      method = method === "HEAD" ? "HEAD" : "GET";
      body = undefined;
    }
    current = next;
  }
}

/** A REST query: one HTTP request to the resource's base URL. See README.md. */
export async function executeRest(settings: ResourceSettingsOf<"rest">, query: RestQuery, ctx: RestContext): Promise<QueryResult> {
  const what = label(query);
  const limit = query.maxResponseBytes ?? settings.config.maxResponseBytes;
  let url: URL;
  let headers: Headers;
  let body: string | undefined;
  try {
    url = resolveRestUrl(settings.config.baseUrl, query.path);
    applyQueryParams(url, settings, query);
    headers = buildHeaders(settings, query);
    body = buildBody(query, headers);
  } catch (err) {
    if (err instanceof RestPathError || err instanceof RestRequestError) throw resourceFailed(ctx.block, `${what}: ${err.message}`);
    throw err;
  }
  let res: Response;
  try {
    ({ res } = await send(url, new URL(settings.config.baseUrl), { method: query.method, headers, body, signal: ctx.signal }, what, (next) => applyApiKeyParam(next, settings)));
  } catch (err) {
    if (ctx.signal.aborted || err instanceof EngineError) throw err;
    if (err instanceof RestRequestError) throw resourceFailed(ctx.block, err.message);
    throw resourceFailed(ctx.block, `${what} could not reach ${url.host}: ${causeMessage(err).replace(/^fetch failed: /, "")}`);
  }
  const contentType = res.headers.get("content-type");
  const metadata = { status: res.status, statusText: res.statusText, headers: headersObject(res.headers) };
  if (res.status < 200 || res.status > 299) {
    // Read past the cut by the longest secret form, so that a secret the cut runs through is
    // masked whole rather than left with its first characters.
    const cap = Math.min(limit, ERROR_BODY_BYTES);
    const errorBody = await readBody(res, cap + ctx.mask.marginBytes, "truncate");
    const data = { status: res.status, statusText: res.statusText, body: errorBodyValue(errorBody, contentType, cap, ctx.mask) };
    throw resourceFailed(ctx.block, `${what} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`, { data });
  }
  let bytes: Buffer;
  try {
    bytes = (await readBody(res, limit, "throw")).bytes;
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      const size = err.declared === undefined ? "more than that" : `${err.declared} bytes`;
      throw new EngineError("OUTPUT_TOO_LARGE", `The response to ${what} is over the limit of ${limit} bytes (${size}); raise maxResponseBytes or ask for less`, { block: ctx.block, data: { limit } });
    }
    throw err;
  }
  // No body to speak of: HEAD, 204/205, or nothing with no type.
  if (query.method === "HEAD" || res.status === 204 || res.status === 205 || (bytes.length === 0 && contentType === null)) return { data: null, metadata };
  try {
    return { data: await bodyValue(bytes, contentType), metadata };
  } catch (err) {
    throw resourceFailed(ctx.block, `${what} answered ${res.status} with a body that says it is JSON but is not: ${causeMessage(err)}`, { data: { status: res.status } });
  }
}
