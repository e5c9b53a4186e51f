/**
 * Where a REST query may go: its path is joined to the resource's base URL and must stay
 * under it (same origin, inside the base path). Everything here runs before any request.
 */

export class RestPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestPathError";
  }
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The base path as a prefix ending in `/`, so `/api` does not admit `/apix`. */
function basePrefix(base: URL): string {
  return base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
}

/** Throws unless `url` is on the base URL's origin and under its path. */
export function assertUnderBase(url: URL, base: URL, shown: string): void {
  if (url.origin !== base.origin) {
    throw new RestPathError(`"${shown}" leads to another server (${url.origin}); a query may only call ${base.origin}`);
  }
  const prefix = basePrefix(base);
  if (url.pathname !== base.pathname && url.pathname !== prefix.slice(0, -1) && !url.pathname.startsWith(prefix)) {
    throw new RestPathError(`"${shown}" climbs above the resource's base path ${prefix}`);
  }
  // The URL parser already folded `..`, `%2e%2e` and friends; what is left are segments a
  // server could decode into dot segments itself, like `..%2f..%2fadmin`.
  for (const segment of url.pathname.split("/")) {
    if (!segment.includes("%")) continue;
    const parts = decodeSafely(segment).split(/[\\/]/);
    if (parts.length > 1 && parts.some((p) => p === ".." || p === ".")) {
      throw new RestPathError(`"${shown}" holds an encoded dot segment (${segment}), which could climb above the base path`);
    }
  }
}

/**
 * The URL a query's path (rendered, possibly with `?query`) resolves to under `baseUrl`. The
 * path is appended to the base path (`/v1` + `customers/7` → `/v1/customers/7`, a leading
 * `/` included), never resolved as an absolute reference; the base URL's own query is kept.
 */
export function resolveRestUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  if (base.username || base.password) {
    throw new RestPathError("The resource's base URL holds a user name or password: set them in its authentication instead");
  }
  const shown = path.trim();
  if (/[\u0000-\u001f\u007f]/.test(path)) throw new RestPathError("The path holds control characters (a line break or a tab?)");
  if (shown.includes("\\")) throw new RestPathError(`"${shown}" holds a backslash; use / between path segments`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(shown)) {
    throw new RestPathError(`"${shown}" is a full URL: give a path, which is joined to the resource's base URL ${base.origin}${base.pathname}`);
  }
  if (shown.startsWith("//")) throw new RestPathError(`"${shown}" starts with //, which would name another server; give a path such as /customers`);
  const rest = shown.replace(/^\//, "");
  const joined = rest === "" ? base.origin + base.pathname : base.origin + basePrefix(base) + rest;
  let url: URL;
  try {
    url = new URL(joined);
  } catch {
    throw new RestPathError(`"${shown}" is not a valid path`);
  }
  url.hash = "";
  if (base.search) {
    const merged = new URLSearchParams(base.search);
    for (const [k, v] of url.searchParams) merged.append(k, v);
    url.search = merged.toString();
  }
  assertUnderBase(url, base, shown);
  return url;
}
