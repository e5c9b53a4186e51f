/** Children of an object or array are rendered this many at a time ("show more" adds a page). */
export const JSON_PAGE = 100;
/** Strings longer than this are cut until expanded. */
export const STRING_CAP = 300;

export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null" | "other";

export function kindOf(value: unknown): JsonKind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "object":
      return "object";
    case "string":
      return "string";
    case "number":
    case "bigint":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "other";
  }
}

export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

export function childCount(value: Record<string, unknown> | unknown[]): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/** The first `limit` children as [key, value]; keys of arrays are their indices. */
export function childEntries(value: Record<string, unknown> | unknown[], limit: number): Array<[string, unknown]> {
  if (Array.isArray(value)) {
    const out: Array<[string, unknown]> = [];
    for (let i = 0; i < Math.min(limit, value.length); i++) out.push([String(i), value[i]]);
    return out;
  }
  const out: Array<[string, unknown]> = [];
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (out.length >= limit) break;
    out.push([key, value[key]]);
  }
  return out;
}

/** "3 items", "1 key": what a collapsed container holds. */
export function summary(value: Record<string, unknown> | unknown[]): string {
  const n = childCount(value);
  if (Array.isArray(value)) return `${n} item${n === 1 ? "" : "s"}`;
  return `${n} key${n === 1 ? "" : "s"}`;
}

/** A primitive as the tree shows it: strings quoted and escaped like JSON. */
export function primitiveText(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  return String(value);
}
