import type { ResourceSettings } from "./kinds";
import { headerSecretKey, isSecretHeader } from "./secret-headers";

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
