import { z } from "zod";
import { FunctionDefinition, Limits } from "./function-definition";
import { isJsonObject, type JsonObject } from "./versioned-document";

/** The largest value a number schema allows (through `.default()`), or none. */
function maxOf(schema: z.ZodType): number | undefined {
  const inner = schema instanceof z.ZodDefault ? schema.unwrap() : schema;
  if (!(inner instanceof z.ZodNumber)) return undefined;
  const max = inner.maxValue;
  return max !== null && Number.isFinite(max) ? max : undefined;
}

/** Clamps the numbers of `obj` named in `shape` to their schema's maximum; others are left as they are. */
function clampFields(obj: JsonObject, shape: Record<string, z.ZodType>): { value: JsonObject; clamped: string[] } {
  const clamped: string[] = [];
  const value: JsonObject = { ...obj };
  for (const [key, schema] of Object.entries(shape)) {
    const v = obj[key];
    const max = maxOf(schema);
    if (typeof v === "number" && max !== undefined && v > max) {
      value[key] = max;
      clamped.push(key);
    }
  }
  return { value, clamped };
}

/**
 * A stored definition with every limit above its (current) maximum lowered to that maximum, so
 * a function saved when a limit allowed more still loads and runs, within today's limits. It
 * reads the maxima off the schema, so lowering one there is enough. Only for definitions read
 * from storage: a save or a test run above a maximum is refused, naming the limit.
 */
export function clampLimits(doc: JsonObject): { doc: JsonObject; clamped: string[] } {
  const top = clampFields(doc, { timeoutMs: FunctionDefinition.shape.timeoutMs });
  const clamped = [...top.clamped];
  const out = top.value;
  if (isJsonObject(doc.limits)) {
    const inner = clampFields(doc.limits, Limits.shape);
    out.limits = inner.value;
    clamped.push(...inner.clamped.map((k) => `limits.${k}`));
  }
  return { doc: clamped.length ? out : doc, clamped };
}
