import type { ResourceSettings } from "@/engine/resources";

export const REDACTED = "[redacted]";

/**
 * The forms a secret can take in text that reaches us: itself, URL-encoded (a query string,
 * a connection string), form-encoded, JSON-escaped. Longest first, so that a secret holding
 * another is masked whole.
 */
export function secretForms(values: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v);
    out.add(encodeURIComponent(v));
    out.add(new URLSearchParams({ k: v }).toString().slice(2));
    out.add(JSON.stringify(v).slice(1, -1));
  }
  out.delete("");
  return [...out].sort((a, b) => b.length - a.length);
}

/** The password inside a `postgres://user:password@host/db` string, raw and decoded. */
function connectionStringPassword(cs: string | undefined): string[] {
  if (!cs) return [];
  try {
    const raw = new URL(cs).password;
    if (!raw) return [];
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // A malformed escape: the raw form is what can appear.
    }
    return [raw, decoded];
  } catch {
    // Not URL-shaped (key=value form): the whole string is masked, the password is not found.
    const m = /(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/i.exec(cs);
    return m ? [m[1].replace(/^'|'$/g, "")] : [];
  }
}

/** Every secret value of a resource, in every form worth masking. */
export function secretsOf(settings: ResourceSettings): string[] {
  switch (settings.kind) {
    case "rest": {
      const { token, password, apiKey } = settings.secrets;
      const auth = settings.config.auth;
      const basic = auth.type === "basic" && password ? Buffer.from(`${auth.username}:${password}`).toString("base64") : undefined;
      return secretForms([token, password, apiKey, basic]);
    }
    case "postgres": {
      const { password, connectionString } = settings.secrets;
      return secretForms([password, connectionString, ...connectionStringPassword(connectionString)]);
    }
    case "smtp":
      return secretForms([settings.secrets.password]);
    case "sqlite":
      return [];
  }
}

/** `text` with every secret replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** A copy of a JSON-like value with secrets masked in every string, keys included. */
export function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k, secrets)] = redactValue(v, secrets);
    return out;
  }
  return value;
}
