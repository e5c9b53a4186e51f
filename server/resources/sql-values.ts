import type { SqlDialect } from "./sql-template";

/**
 * A value from `{{ }}` as a bound parameter: objects and arrays as JSON text, booleans as
 * booleans (SQLite: 1/0), integers as SQLite INTEGERs, undefined as NULL.
 */
export function toSqlParam(value: unknown, dialect: SqlDialect): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return dialect === "sqlite" ? (value ? 1 : 0) : value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    // better-sqlite3 binds every JS number as REAL; a whole number should stay an INTEGER.
    return dialect === "sqlite" && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === "string" || typeof value === "bigint") return value;
  return JSON.stringify(value);
}

/** A bigint as a number when that loses nothing, else as its decimal text. */
export function bigintValue(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

/**
 * A database value as JSON: BigInt → number (or text past 2^53), Date → ISO text, bytes →
 * base64, NaN/Infinity → text. The engine refuses data JSON cannot carry.
 */
export function jsonValue(v: unknown): unknown {
  if (typeof v === "bigint") return bigintValue(v);
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonValue(x);
    return out;
  }
  return v;
}

/** Rows as plain JSON objects. */
export function jsonRows(rows: readonly unknown[]): Record<string, unknown>[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    if (r !== null && typeof r === "object") for (const [k, x] of Object.entries(r)) out[k] = jsonValue(x);
    return out;
  });
}
