import type { AppState } from "./app-state";
import type { Bindings } from "./dependencies";
import { evaluateTemplate } from "./expressions";
import type { RuntimeFunction } from "./function-runner";

export type BoundParams = { ok: true; params: Record<string, unknown>; key: string } | { ok: false; error: string; key: string };

/**
 * The parameters the page passes when it runs `name` by itself: each declared parameter's
 * binding evaluated against the state. Unbound parameters (and ones that evaluate to
 * undefined) are left out, so the server applies their defaults. `key` is the JSON of the
 * result: two evaluations with the same key would run the function the same way.
 */
export function boundParams(name: string, fn: RuntimeFunction, bindings: Bindings, state: AppState): BoundParams {
  const templates = bindings[name]?.params ?? {};
  const params: Record<string, unknown> = {};
  for (const p of fn.params) {
    const template = templates[p.name];
    if (template === undefined) continue;
    const r = evaluateTemplate(template, state);
    if (!r.ok) {
      const error = `Parameter "${p.name}": ${r.error}`;
      return { ok: false, error, key: `\u0000${error}` };
    }
    if (r.value !== undefined) params[p.name] = r.value;
  }
  return { ok: true, params, key: JSON.stringify(params) };
}
