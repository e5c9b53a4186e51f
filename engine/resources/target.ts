import { headerOfSecretKey, headerSecretKey, isHeaderSecretKey, isSecretHeader } from "./secret-headers";
import type { ResourceKind, ResourceSettings } from "./kinds";

/**
 * The target a resource's secrets were entered for. A stored secret is only ever sent to that
 * target: a test or a save that changes it must enter the secrets again (the service refuses
 * with SECRETS_NEED_REENTRY otherwise), and a change of kind never carries one.
 *
 * - REST: the base URL's origin (scheme, host, port) and path (a trailing `/` aside), and the
 *   basic-auth user name.
 * - PostgreSQL: host, port, database and user as the client connects (empty host = localhost,
 *   empty database = the user's), and the SSL mode (a secret entered for an encrypted
 *   connection is not sent in the clear to the same name). With a connection string: the
 *   connection string itself (a secret; compared on the server only) and the SSL mode.
 * - SQLite: the file (it has no secrets).
 * - SMTP: host, port, user and security (none / starttls / tls).
 *
 * Shared by the service (server/services/resources.ts) and the form, which compares the
 * edited target with the loaded one to say which secrets must be entered again.
 */

type Config = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");

function restUrl(baseUrl: string): string {
  try {
    const u = new URL(baseUrl);
    return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return baseUrl;
  }
}

function authOf(config: Config): Record<string, unknown> {
  const auth = config.auth;
  return auth !== null && typeof auth === "object" ? { ...auth } : {};
}

/** The target of a kind's config, as one comparable string (no secret in it). */
export function secretTarget(kind: ResourceKind, config: Config): string {
  switch (kind) {
    case "rest": {
      const auth = authOf(config);
      return JSON.stringify({ kind, url: restUrl(str(config.baseUrl)), user: auth.type === "basic" ? str(auth.username) : "" });
    }
    case "postgres": {
      const sslMode = str(config.sslMode) || "prefer";
      if (config.useConnectionString === true) return JSON.stringify({ kind, connectionString: true, sslMode });
      const user = str(config.user).trim();
      const host = str(config.host).trim().toLowerCase() || "localhost";
      return JSON.stringify({ kind, host, port: config.port ?? 5432, database: str(config.database).trim() || user, user, sslMode });
    }
    case "sqlite":
      return JSON.stringify({ kind, path: str(config.path).trim() });
    case "smtp":
      return JSON.stringify({ kind, host: str(config.host).trim().toLowerCase(), port: config.port ?? 587, user: str(config.user), security: str(config.security) || "starttls" });
  }
}

/** Whether two settings documents aim their secrets at the same target. */
export function sameTarget(a: ResourceSettings, b: ResourceSettings): boolean {
  if (a.kind !== b.kind || secretTarget(a.kind, a.config) !== secretTarget(b.kind, b.config)) return false;
  if (a.kind === "postgres" && b.kind === "postgres" && a.config.useConnectionString) {
    return (a.secrets.connectionString ?? "") === (b.secrets.connectionString ?? "");
  }
  return true;
}

/** The secret fields a kind's config sends to its target (a stored one not listed is never sent). */
export function usedSecrets(kind: ResourceKind, config: Config): string[] {
  switch (kind) {
    case "rest": {
      const auth = authOf(config);
      const used = auth.type === "bearer" ? ["token"] : auth.type === "basic" ? ["password"] : auth.type === "apiKey" ? ["apiKey"] : [];
      const headers = Array.isArray(config.headers) ? config.headers : [];
      for (const h of headers) {
        if (h === null || typeof h !== "object") continue;
        const entry = { key: str(Reflect.get(h, "key")), secret: Reflect.get(h, "secret") };
        if (entry.key && isSecretHeader({ key: entry.key, secret: typeof entry.secret === "boolean" ? entry.secret : undefined })) used.push(headerSecretKey(entry.key));
      }
      return used;
    }
    case "postgres":
      // The password travels with a connection string too (when the string holds none).
      return config.useConnectionString === true ? ["connectionString", "password"] : ["password"];
    case "sqlite":
      return [];
    case "smtp":
      return str(config.user) ? ["password"] : [];
  }
}

/** How a secret field is named to a person ("the password", "the X-Api-Key header"). */
export function secretLabel(name: string): string {
  if (isHeaderSecretKey(name)) return `the ${headerOfSecretKey(name)} header`;
  const labels: Record<string, string> = { token: "the token", password: "the password", apiKey: "the API key", connectionString: "the connection string" };
  return labels[name] ?? name;
}
