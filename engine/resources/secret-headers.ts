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
