import { z } from "zod";
import type { ParamDef } from "../model";
import { paramTypeSchema } from "./param-type-schema";

/** The output of a params schema: parameter name → coerced value (absent when optional and not given). */
export type ParamValues = Record<string, unknown>;

const nullToUndefined = (v: unknown): unknown => (v === null ? undefined : v);

const cache = new WeakMap<readonly ParamDef[], z.ZodType<ParamValues>>();

/**
 * A zod object schema for a function's parameters: validates, coerces (numeric strings,
 * "true"/"false", ISO dates), applies defaults and strips unknown keys. An optional
 * parameter also accepts `null`, read as "not given". Cached per `params` array, which is
 * treated as immutable.
 */
export function paramsSchema(params: readonly ParamDef[]): z.ZodType<ParamValues> {
  const hit = cache.get(params);
  if (hit) return hit;
  const shape: Record<string, z.ZodType> = {};
  for (const p of params) {
    const base = paramTypeSchema(p.type);
    const fallback = p.default;
    if (fallback !== undefined) {
      // prefault (not default) so the default is coerced and normalised like an input.
      shape[p.name] = z.preprocess(nullToUndefined, base.prefault(() => structuredClone(fallback)));
    } else if (p.required) {
      shape[p.name] = base;
    } else {
      shape[p.name] = z.preprocess(nullToUndefined, base.optional());
    }
  }
  const schema = z.object(shape).strip();
  cache.set(params, schema);
  return schema;
}
