/**
 * Coercions from evaluated prop values (which may be anything a template produced) to what a
 * widget needs. They never throw.
 */

/** A string for display: strings as they are, other primitives stringified, objects as compact JSON. */
export function textProp(value: unknown, fallback = ""): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return compactJson(value);
}

/** Booleans as they are, "true"/"false" strings, nothing → fallback, anything else by truthiness. */
export function boolProp(value: unknown, fallback: boolean): boolean {
  if (typeof value === "boolean") return value;
  if (value === undefined || value === null || value === "") return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  return Boolean(value);
}

/** A finite number, from a number or a numeric string; otherwise undefined. */
export function numberProp(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** JSON on one line; values JSON cannot hold (cycles, bigint) fall back to String(). */
export function compactJson(value: unknown): string {
  return json(value, undefined);
}

/** JSON indented by two spaces, with the same fallbacks as compactJson. */
export function prettyJson(value: unknown): string {
  return json(value, 2);
}

function json(value: unknown, indent: number | undefined): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), indent);
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}

/** What kind of value arrived, for notes like "expected an array, got object". */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
