import { isHeaderSecretKey, isSecretHeader, type ResourceSettings } from "@/engine/resources";
import { secretMask, type Secret } from "./secret-mask";

export { REDACTED, secretMask, SecretMask, type Secret } from "./secret-mask";

/**
 * The secrets to mask among `values`: each distinct non-empty one, longest first. The mask
 * covers each one's encodings (URL, form, JSON, base64, base64url, hex) and fragments itself
 * (secret-mask.ts), so the list holds each secret once.
 */
export function secretForms(values: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) if (v) out.add(v);
  return [...out].sort((a, b) => b.length - a.length);
}

/** The password inside a connection string (`postgres://user:password@host/db` or `password=…`), raw and decoded. */
function connectionStringPassword(cs: string | undefined): string[] {
  if (!cs) return [];
  try {
    const url = new URL(cs);
    const found = [url.password, ...["password", "sslpassword"].map((k) => url.searchParams.get(k) ?? "")].filter((p) => p !== "");
    return found.flatMap((raw) => {
      try {
        return [raw, decodeURIComponent(raw)];
      } catch {
        // A malformed escape: the raw form is what can appear.
        return [raw];
      }
    });
  } catch {
    // Not URL-shaped: the key=value form.
    const m = /(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/i.exec(cs);
    return m ? [m[1].replace(/^'|'$/g, "")] : [];
  }
}

/**
 * Every secret of a resource, and the compound texts a credential travels in: the basic
 * `user:password` and the SMTP `AUTH PLAIN` (`\0user\0password`) base64, masked whole only
 * (AUTH LOGIN sends the password's own base64). Their fragments would begin with the user name,
 * which editors can read: a known start and one guessed character would be masked only when
 * right. Inside them the password is masked by its own base64 fragments, at every alignment.
 * A connection string is masked whole only too: its fragments (`postgres://`, the host) are
 * not secret; its password is masked like any secret.
 */
export function secretsOf(settings: ResourceSettings): Secret[] {
  switch (settings.kind) {
    case "rest": {
      const { token, password, apiKey } = settings.secrets;
      const auth = settings.config.auth;
      const basic = auth.type === "basic" && password ? Buffer.from(`${auth.username}:${password}`).toString("base64") : undefined;
      // Secret default headers: their stored values, and a value still in a row's config before migration.
      const headerValues = Object.entries(settings.secrets).filter(([k]) => isHeaderSecretKey(k)).map(([, v]) => v);
      const plainSecretHeaders = settings.config.headers.filter(isSecretHeader).map((h) => h.value);
      const whole: Secret[] = basic ? [{ whole: basic }, { whole: basic.replace(/=+$/, "") }] : [];
      return [...secretForms([token, password, apiKey, ...headerValues, ...plainSecretHeaders]), ...whole];
    }
    case "postgres": {
      const { password, connectionString } = settings.secrets;
      const whole: Secret[] = connectionString ? [{ whole: connectionString }] : [];
      return [...secretForms([password, ...connectionStringPassword(connectionString)]), ...whole];
    }
    case "smtp": {
      const { password } = settings.secrets;
      const user = settings.config.user;
      const plain = user && password ? Buffer.from(`\0${user}\0${password}`).toString("base64") : undefined;
      return [...secretForms([password]), ...(plain ? [{ whole: plain }, { whole: plain.replace(/=+$/, "") }] : [])];
    }
    case "sqlite":
      return [];
  }
}

/** `text` with every secret, in any of its encodings or by a fragment of 8+ characters, replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly Secret[]): string {
  if (secrets.length === 0) return text;
  return secretMask(secrets).text(text);
}

/** A copy of a JSON-like value with secrets masked in every string, keys included. */
export function redactValue(value: unknown, secrets: readonly Secret[]): unknown {
  if (secrets.length === 0) return value;
  return secretMask(secrets).value(value);
}

