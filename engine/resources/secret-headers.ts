import type { ResourceSettings } from "./kinds";

/**
 * REST default headers whose value is a secret: stored encrypted with the resource's other
 * secrets, never sent back to a client, masked like them. A header is secret when it says so
 * (`secret: true`), or, when it says nothing, when its name looks like a credential.
 */

/** `authorization`, `cookie`, and any name holding `key`, `token` or `secret` (case-insensitive). */
const CREDENTIAL_NAME = /authorization|cookie|key|token|secret/i;

export function looksLikeCredential(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

export function isSecretHeader(h: { key: string; secret?: boolean }): boolean {
  return h.secret ?? looksLikeCredential(h.key);
}

const PREFIX = "header:";

/** The secrets entry that holds a secret header's value: `header:<name in lower case>`. */
export function headerSecretKey(name: string): string {
  return `${PREFIX}${name.trim().toLowerCase()}`;
}

export function isHeaderSecretKey(key: string): boolean {
  return key.startsWith(PREFIX);
}

/** The header name a `header:` secrets entry belongs to (lower case). */
export function headerOfSecretKey(key: string): string {
  return key.slice(PREFIX.length);
}

/**
 * A settings document with every secret header's value moved out of the config into the
 * secrets (`header:<name>`), the header marked `secret: true` and its config value emptied.
 * `changed` says whether anything moved or was marked; a value already in the secrets wins over
 * the config's. Other kinds come back as they were.
 */
export function separateSecretHeaders(settings: ResourceSettings): { settings: ResourceSettings; changed: boolean } {
  if (settings.kind !== "rest") return { settings, changed: false };
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings.secrets)) if (v !== undefined) secrets[k] = v;
  let changed = false;
  const headers = settings.config.headers.map((h) => {
    if (!isSecretHeader(h)) return h;
    if (h.value === "" && h.secret === true) return h;
    changed = true;
    const key = headerSecretKey(h.key);
    if (h.value !== "" && !secrets[key]) secrets[key] = h.value;
    return { ...h, value: "", secret: true };
  });
  if (!changed) return { settings, changed };
  return { settings: { ...settings, config: { ...settings.config, headers }, secrets }, changed };
}
