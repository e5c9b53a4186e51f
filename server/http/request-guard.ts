import type { IncomingHttpHeaders } from "node:http";
import { CATALOGUE } from "@/engine/errors";

/**
 * Requests a browser did not mean to send, refused before any route runs (server/main.ts):
 *
 * - A `Host` this installation does not answer to. A page on an attacker's domain that
 *   re-points its DNS name at the intranet address (DNS rebinding) reaches the server with its
 *   own name in `Host`; only the names of `LATHE_PUBLIC_URL`, `LATHE_ALLOWED_HOSTS`, a specific
 *   `HOSTNAME_BIND` and the loopback names are answered.
 * - A change (any method but GET, HEAD, OPTIONS) sent by another site's page: browsers name the
 *   page's origin in `Origin` and say `Sec-Fetch-Site`; either one that is not this site's
 *   refuses the request. A request with neither comes from no browser (curl, a script), and
 *   a cross-site request forgery needs a victim's browser; sign-in (issue 11) and API keys
 *   authenticate those callers.
 */
export interface GuardConfig {
  /** Host names answered (lower case, no port). */
  hosts: ReadonlySet<string>;
  /** `host[:port]` of LATHE_PUBLIC_URL, when a proxy in front may rewrite `Host`. */
  publicHost?: string;
}

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ANY_ADDRESS = new Set(["", "0.0.0.0", "::", "[::]"]);

/** `Host` or an origin's host without its port, lower case; IPv6 keeps its brackets. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.indexOf(":");
  return colon < 0 ? h : h.slice(0, colon);
}

/** The names this installation answers to, from its environment. */
export function guardConfig(env: Readonly<Record<string, string | undefined>> = process.env): GuardConfig {
  const hosts = new Set(LOOPBACK);
  const publicHost = env.LATHE_PUBLIC_URL ? new URL(env.LATHE_PUBLIC_URL).host.toLowerCase() : undefined;
  if (publicHost) hosts.add(hostName(publicHost));
  for (const h of (env.LATHE_ALLOWED_HOSTS ?? "").split(",")) if (h.trim()) hosts.add(hostName(h));
  const bind = (env.HOSTNAME_BIND ?? "").trim();
  if (!ANY_ADDRESS.has(bind)) hosts.add(hostName(bind.includes(":") && !bind.startsWith("[") ? `[${bind}]` : bind));
  return { hosts, publicHost };
}

export type Refusal = { code: "HOST_NOT_ALLOWED" | "CROSS_SITE_REQUEST" | "UNSUPPORTED_MEDIA_TYPE"; status: number; message: string };

/**
 * Changes to the API must be sent as JSON, body or not: an HTML form (the one thing another site
 * can make a browser send without asking) cannot. `/api/fn` checks its own media type in the
 * contract's order; better-auth's endpoints check theirs.
 */
function needsJson(path: string | undefined): boolean {
  return path !== undefined && path.startsWith("/api/") && path !== "/api/fn" && !path.startsWith("/api/auth/");
}

function refuse(code: Refusal["code"], message: string): Refusal {
  return { code, status: CATALOGUE[code].status, message };
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Null when the request may go on; otherwise why it is refused. */
export function checkRequest(method: string | undefined, headers: IncomingHttpHeaders, config: GuardConfig, path?: string): Refusal | null {
  const host = one(headers.host);
  if (!host || !config.hosts.has(hostName(host))) {
    return refuse(
      "HOST_NOT_ALLOWED",
      `This server does not answer to "${host ?? ""}". Set LATHE_PUBLIC_URL (or LATHE_ALLOWED_HOSTS) to the address people open it with.`,
    );
  }
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return null;
  const site = one(headers["sec-fetch-site"]);
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return refuse("CROSS_SITE_REQUEST", `A change sent from another site (${site}) is refused`);
  }
  const origin = one(headers.origin);
  if (origin !== undefined) {
    let originHost: string | null;
    try {
      originHost = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    if (originHost === null || (originHost !== host.trim().toLowerCase() && originHost !== config.publicHost)) {
      return refuse("CROSS_SITE_REQUEST", `A change sent from ${origin} is refused`);
    }
  }
  if (needsJson(path) && !/^application\/json\s*(;|$)/i.test(one(headers["content-type"]) ?? "")) {
    return refuse("UNSUPPORTED_MEDIA_TYPE", "Send changes as application/json");
  }
  return null;
}
