import { randomBytes } from "node:crypto";

/**
 * The protective headers of every answer (server/main.ts sets them before any route, refusal or
 * redirect). One function makes the Content-Security-Policy, so what pages may run is decided in
 * one place:
 *
 * - scripts: this origin, and inline scripts only with the request's nonce (Next reads it from
 *   the request's `Content-Security-Policy` header and puts it on its own inline scripts; every
 *   page renders dynamically, so each answer gets a fresh one). No `unsafe-eval` in production;
 *   `next dev` needs it (React's dev tools evaluate), so dev allows it and its HMR socket.
 * - styles: this origin and inline `style` attributes (`'unsafe-inline'`): React Flow and
 *   CodeMirror position everything with them. Styles cannot run script.
 * - frames: `frame-ancestors 'self'`; the user view of an app (`/apps/:id`) may also be framed by
 *   the origins of `LATHE_FRAME_ANCESTORS`. The editor, admin and every other page never.
 * - no plugins (`object-src 'none'`), `base-uri` and `form-action` this origin only.
 */
export interface SecurityHeaderOptions {
  /** The request's path, without the query. */
  path: string;
  /** This request's nonce (`newNonce()`). */
  nonce: string;
  /** `next dev`: allows `unsafe-eval` and the HMR websocket. */
  dev: boolean;
  /** Origins besides this one that may frame an app's user view (`frameAncestors()`). */
  frameAncestors: readonly string[];
}

const NONCE_BYTES = 16;
/** Random bytes for 256 nonces, drawn at once: one call to the system's generator, not one per request. */
const POOL_BYTES = NONCE_BYTES * 256;
let pool = Buffer.alloc(0);
let taken = 0;

/** A fresh nonce for one request: 128 random bits (never reused), base64. */
export function newNonce(): string {
  if (taken + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    taken = 0;
  }
  const nonce = pool.toString("base64", taken, taken + NONCE_BYTES);
  taken += NONCE_BYTES;
  return nonce;
}

/** The user view of an app, `/apps/:id` (not `/apps/:id/edit`): the one page other sites may frame. */
export function isEmbeddablePath(path: string): boolean {
  return /^\/apps\/[^/]+\/?$/.test(path);
}

export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

/** The policy around its nonce, by what shapes it: built once, joined around each request's nonce. */
const policies = new Map<string, readonly [string, string]>();

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const embeddable = isEmbeddablePath(options.path);
  const key = `${options.dev ? 1 : 0}${embeddable ? 1 : 0}${embeddable ? options.frameAncestors.join(" ") : ""}`;
  let parts = policies.get(key);
  if (!parts) {
    const MARK = "\u0000nonce\u0000";
    const [before, after] = buildPolicy({ ...options, nonce: MARK }).split(MARK);
    parts = [before, after];
    policies.set(key, parts);
  }
  return parts[0] + options.nonce + parts[1];
}

function buildPolicy({ path, nonce, dev, frameAncestors }: SecurityHeaderOptions): string {
  const ancestors = isEmbeddablePath(path) ? ["'self'", ...frameAncestors] : ["'self'"];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ancestors,
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Every header Lathe adds to an answer of `path`. API answers are never stored by a cache. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  };
  if (isApiPath(options.path)) headers["Cache-Control"] = "no-store";
  return headers;
}

/**
 * `LATHE_FRAME_ANCESTORS`: space-separated origins (`https://intranet.example.com`) that may frame
 * an app's user view. Each must be a bare http(s) origin; anything else stops the start, so a
 * typo never silently opens (or closes) framing.
 */
export function frameAncestors(value: string | undefined): string[] {
  const items = (value ?? "").split(/\s+/).filter(Boolean);
  return items.map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new Error(`LATHE_FRAME_ANCESTORS: "${item}" is not an origin such as https://intranet.example.com`);
    }
    // Only the characters of a scheme, host and port: nothing that could end the directive (`;`, `,`, quotes).
    const bare = /^https?:\/\/[a-z0-9.\-[\]:]+\/?$/i.test(item);
    if (!bare || (url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== item.replace(/\/$/, "")) {
      throw new Error(`LATHE_FRAME_ANCESTORS: "${item}" is not an origin such as https://intranet.example.com (scheme, host and port only)`);
    }
    return url.origin;
  });
}
