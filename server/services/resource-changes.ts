import { isDeepStrictEqual } from "node:util";
import type { ResourceView } from "@/engine/contract/resources";

/**
 * What an update of a resource changed, by name only, for the audit log: `name`,
 * `config.<field>`, `secrets.<field>`. Never a value: a config field may hold something
 * sensitive too. A secret counts as changed when the patch set one, or cleared one that was set,
 * or when it is set after and not before, or the other way round.
 */
export function resourceChanges(before: ResourceView, after: ResourceView, secretsPatch: Record<string, string | null>): string[] {
  const changed: string[] = [];
  if (before.name !== after.name) changed.push("name");
  const fields = new Set([...Object.keys(before.config), ...Object.keys(after.config)]);
  for (const f of [...fields].sort()) if (!isDeepStrictEqual(before.config[f], after.config[f])) changed.push(`config.${f}`);
  const secrets = new Set<string>();
  for (const [f, v] of Object.entries(secretsPatch)) {
    const clears = v === null || v === "";
    if (!clears || before.secretsSet[f]) secrets.add(f);
  }
  // Secrets set or dropped without a patch entry: a secret header's value given in the config, or
  // stored secrets not carried to a new target.
  for (const f of new Set([...Object.keys(before.secretsSet), ...Object.keys(after.secretsSet)])) {
    if (Boolean(before.secretsSet[f]) !== Boolean(after.secretsSet[f])) secrets.add(f);
  }
  for (const f of [...secrets].sort((a, b) => a.localeCompare(b))) changed.push(`secrets.${f}`);
  return changed;
}
