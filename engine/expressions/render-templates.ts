import { resolveTemplates, type Evaluate, type PathKey } from "./resolve-templates";

/**
 * Text-mode resolution: every template string becomes a string, so the result has the shape
 * (and the type) of `config`. Used for query configs, whose fields are strings.
 */
export async function renderTemplates<T>(config: T, evaluate: Evaluate, skip?: (path: readonly PathKey[]) => boolean): Promise<T> {
  // Text mode only replaces strings with strings: the shape of T holds.
  return (await resolveTemplates(config, evaluate, { mode: "text", skip })) as T;
}
