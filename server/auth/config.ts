import crypto from "node:crypto";
import { loadSecretKey } from "../secrets/key";
import { dataDir } from "../db/config";

type Env = Readonly<Record<string, string | undefined>>;
export type Role = "admin" | "editor" | "user";
export const ROLES: readonly Role[] = ["admin", "editor", "user"];

export function isRole(v: unknown): v is Role {
  return v === "admin" || v === "editor" || v === "user";
}

/** Single sign-on with OpenID Connect, from LATHE_OIDC_*. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim (of the userinfo answer) that lists the person's groups. */
  groupsClaim: string;
  /** Group name → role; the highest role among a person's groups wins. */
  roleMap: ReadonlyMap<string, Role>;
  /** The role of a person none of whose groups is mapped. */
  defaultRole: Role;
  /** The label of the sign-in button ("Sign in with <label>"). */
  label: string;
  /** Scopes asked for (LATHE_OIDC_SCOPES, default "openid email profile"). */
  scopes: string[];
}

export interface AuthConfig {
  /** LATHE_PUBLIC_URL, or the loopback address of the port. */
  baseURL: string;
  /** Cookies get `Secure` (and the `__Secure-` prefix) when the public URL is https. */
  secure: boolean;
  /** A session unused this long ends (LATHE_SESSION_IDLE_HOURS, default 7 days). */
  idleSeconds: number;
  /** A session ends this long after sign-in, used or not (LATHE_SESSION_MAX_HOURS, default 30 days). */
  maxAgeSeconds: number;
  /** Email and password sign-in (LATHE_PASSWORD_SIGNIN=off turns it off when SSO is on). */
  passwordSignIn: boolean;
  oidc: OidcConfig | null;
  /** Origins whose pages may post to the sign-in endpoints. */
  trustedOrigins: string[];
}

function hours(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback * 3600;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number of hours, got "${raw}"`);
  return Math.round(n * 3600);
}

/** An on/off variable: unset or on|true|1|yes is on, off|false|0|no is off, anything else an error. */
function switchedOff(env: Env, name: string): boolean {
  const raw = env[name]?.trim() ?? "";
  if (raw === "" || /^(on|true|1|yes)$/i.test(raw)) return false;
  if (/^(off|false|0|no)$/i.test(raw)) return true;
  throw new Error(`${name} must be on or off, got "${raw}"`);
}

/** `LATHE_OIDC_ROLE_MAP="lathe-admins=admin,lathe-editors=editor"`. */
export function parseRoleMap(text: string | undefined): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of (text ?? "").split(",")) {
    if (!pair.trim()) continue;
    const eq = pair.lastIndexOf("=");
    const group = pair.slice(0, eq).trim();
    const role = pair.slice(eq + 1).trim();
    if (eq < 1 || !group || !isRole(role)) {
      throw new Error(`LATHE_OIDC_ROLE_MAP: "${pair.trim()}" is not group=role (role is admin, editor or user)`);
    }
    const earlier = map.get(group);
    if (earlier && earlier !== role) throw new Error(`LATHE_OIDC_ROLE_MAP: the group "${group}" is mapped to both ${earlier} and ${role}`);
    map.set(group, role);
  }
  return map;
}

function oidcConfig(env: Env): OidcConfig | null {
  const issuer = env.LATHE_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  const clientId = env.LATHE_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.LATHE_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error("LATHE_OIDC_ISSUER is set: set LATHE_OIDC_CLIENT_ID and LATHE_OIDC_CLIENT_SECRET too");
  const defaultRole = env.LATHE_OIDC_DEFAULT_ROLE?.trim() || "user";
  if (!isRole(defaultRole)) throw new Error(`LATHE_OIDC_DEFAULT_ROLE must be admin, editor or user, got "${defaultRole}"`);
  if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol)) {
    throw new Error(`LATHE_OIDC_ISSUER must be the provider's http(s) address, got "${issuer}"`);
  }
  const scopes = (env.LATHE_OIDC_SCOPES?.trim() || "openid email profile").split(/[\s,]+/).filter(Boolean);
  if (!scopes.includes("openid")) scopes.unshift("openid");
  return {
    issuer: issuer.replace(/\/+$/, ""),
    clientId,
    clientSecret,
    groupsClaim: env.LATHE_OIDC_GROUPS_CLAIM?.trim() || "groups",
    roleMap: parseRoleMap(env.LATHE_OIDC_ROLE_MAP),
    defaultRole,
    label: env.LATHE_OIDC_LABEL?.trim() || "single sign-on",
    scopes,
  };
}

export function authConfig(env: Env = process.env): AuthConfig {
  const port = Number(env.PORT) || 3000;
  const baseURL = (env.LATHE_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, "");
  if (!URL.canParse(baseURL) || !/^https?:$/.test(new URL(baseURL).protocol)) {
    throw new Error(`LATHE_PUBLIC_URL must be an http(s) address such as https://lathe.example.com, got "${baseURL}"`);
  }
  const oidc = oidcConfig(env);
  const passwordOff = switchedOff(env, "LATHE_PASSWORD_SIGNIN");
  if (passwordOff && !oidc) throw new Error("LATHE_PASSWORD_SIGNIN=off needs single sign-on (LATHE_OIDC_ISSUER): no one could sign in");
  const trusted = new Set([new URL(baseURL).origin]);
  for (const h of ["localhost", "127.0.0.1", "[::1]"]) trusted.add(`http://${h}:${port}`);
  for (const h of (env.LATHE_ALLOWED_HOSTS ?? "").split(",")) {
    const host = h.trim();
    if (host) trusted.add(`${new URL(baseURL).protocol}//${host}`);
  }
  return {
    baseURL,
    secure: baseURL.startsWith("https://"),
    idleSeconds: hours(env, "LATHE_SESSION_IDLE_HOURS", 24 * 7),
    maxAgeSeconds: hours(env, "LATHE_SESSION_MAX_HOURS", 24 * 30),
    passwordSignIn: !passwordOff,
    oidc,
    trustedOrigins: [...trusted],
  };
}

/**
 * The key better-auth signs session cookies with: LATHE_AUTH_SECRET, or derived (HKDF) from the
 * installation's secret key, so one key file is all a data folder needs.
 */
export function authSecret(env: Env = process.env): string {
  if (env.LATHE_AUTH_SECRET) return env.LATHE_AUTH_SECRET;
  const key = loadSecretKey(env, dataDir(env as NodeJS.ProcessEnv)); // dataDir reads only LATHE_DATA_DIR
  return Buffer.from(crypto.hkdfSync("sha256", key, Buffer.alloc(0), "lathe session cookies", 32)).toString("base64");
}
