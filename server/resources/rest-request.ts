import type { QueryConfig } from "@/engine/model";
import { headerSecretKey, isSecretHeader, RESERVED_HEADERS, type ResourceSettingsOf } from "@/engine/resources";

type RestQuery = Extract<QueryConfig, { kind: "rest" }>;
type RestSettings = ResourceSettingsOf<"rest">;

/** A query that cannot be sent as written; its message is for the user. */
export class RestRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestRequestError";
  }
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers fetch computes itself, or that would change which site answers. */

/** The header the resource's authentication sets, lower-cased; null when none. */
export function authHeaderName(settings: RestSettings): string | null {
  const auth = settings.config.auth;
  if (auth.type === "bearer" || auth.type === "basic") return "authorization";
  if (auth.type === "apiKey" && auth.in === "header") return auth.name.toLowerCase();
  return null;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new RestRequestError(`The resource's ${what} is not set: an admin must add it in the resource's settings`);
  return value;
}

/** Resource headers, then the query's (never the auth header), then authentication. */
export function buildHeaders(settings: RestSettings, query: RestQuery): Headers {
  const headers = new Headers();
  for (const h of settings.config.headers) {
    // A secret header's value is in the secrets (the config's only in a row not yet migrated).
    const value = isSecretHeader(h) ? (settings.secrets[headerSecretKey(h.key)] ?? h.value) : h.value;
    if (value !== "" || !isSecretHeader(h)) headers.set(h.key, value);
  }
  const authName = authHeaderName(settings);
  for (const h of query.headers) {
    const key = h.key.trim();
    if (key === "") continue;
    if (!HEADER_NAME.test(key)) throw new RestRequestError(`"${key}" is not a valid header name`);
    if (/[\r\n\0]/.test(h.value)) throw new RestRequestError(`The value of header "${key}" holds a line break`);
    const lower = key.toLowerCase();
    if (RESERVED_HEADERS.has(lower)) throw new RestRequestError(`The "${key}" header is set by the server, not by a query`);
    if (lower === authName) throw new RestRequestError(`The "${key}" header is set by the resource's authentication; a query cannot change it`);
    headers.set(key, h.value);
  }
  const auth = settings.config.auth;
  const secrets = settings.secrets;
  if (auth.type === "bearer") headers.set("authorization", `Bearer ${need(secrets.token, "bearer token")}`);
  else if (auth.type === "basic") {
    const basic = Buffer.from(`${auth.username}:${secrets.password ?? ""}`).toString("base64");
    headers.set("authorization", `Basic ${basic}`);
  } else if (auth.type === "apiKey" && auth.in === "header") headers.set(auth.name, need(secrets.apiKey, "API key"));
  return headers;
}

/** Adds the query's parameters, then an API key sent in the query string (which wins). */
export function applyQueryParams(url: URL, settings: RestSettings, query: RestQuery): void {
  const auth = settings.config.auth;
  const keyName = auth.type === "apiKey" && auth.in === "query" ? auth.name : null;
  for (const p of query.query) {
    if (p.key === "") continue;
    if (p.key === keyName) throw new RestRequestError(`The "${p.key}" parameter carries the resource's API key; a query cannot set it`);
    url.searchParams.append(p.key, p.value);
  }
  applyApiKeyParam(url, settings);
}

/** Sets the API key on a URL when the resource sends it in the query string. */
export function applyApiKeyParam(url: URL, settings: RestSettings): void {
  const auth = settings.config.auth;
  if (auth.type === "apiKey" && auth.in === "query") url.searchParams.set(auth.name, need(settings.secrets.apiKey, "API key"));
}

/** The request body and the content type it implies (the query's own Content-Type wins). */
export function buildBody(query: RestQuery, headers: Headers): string | undefined {
  const body = query.body;
  let text: string | undefined;
  let type: string | undefined;
  if (body.type === "json") {
    if (body.value.trim() !== "") {
      try {
        JSON.parse(body.value);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new RestRequestError(`The JSON body is not valid JSON (${why}). Write it as JSON, e.g. { "name": {{ JSON.stringify(name) }} } or {{ { name } }}`);
      }
      text = body.value;
      type = "application/json";
    }
  } else if (body.type === "form") {
    const form = new URLSearchParams();
    for (const f of body.fields) if (f.key !== "") form.append(f.key, f.value);
    text = form.toString();
    type = "application/x-www-form-urlencoded";
  } else if (body.type === "raw") {
    text = body.value;
    type = body.contentType?.trim() || "text/plain; charset=utf-8";
  }
  if (text === undefined || (text === "" && (query.method === "GET" || query.method === "HEAD"))) return undefined;
  if (query.method === "GET" || query.method === "HEAD") {
    throw new RestRequestError(`A ${query.method} request cannot have a body; use POST, PUT or PATCH, or set the body to none`);
  }
  if (type && !headers.has("content-type")) headers.set("content-type", type);
  return text;
}
