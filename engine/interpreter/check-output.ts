import { EngineError } from "../errors";
import { jsonDeeperThan, MAX_OUTPUT_DEPTH } from "./output-depth";
import type { OutputPreview } from "./types";

export const PREVIEW_CHARS = 16 * 1024;

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Throws on anything JSON would drop or change silently. */
function strictReplacer(this: unknown, key: string, value: unknown): unknown {
  const t = typeof value;
  if (t === "function" || t === "symbol" || t === "bigint") throw new TypeError(`a ${t}${key ? ` at "${key}"` : ""}`);
  if (t === "number" && !Number.isFinite(value)) throw new TypeError(`${String(value)}${key ? ` at "${key}"` : ""}`);
  if (value === undefined && key !== "" && !Array.isArray(this)) throw new TypeError(`undefined at "${key}"`);
  // Values with toJSON (Date) arrive here already converted; a Map, Set or class instance does not.
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !isPlainObject(value)) {
    const proto: unknown = Object.getPrototypeOf(value);
    const ctor = typeof proto === "object" && proto !== null ? Reflect.get(proto, "constructor") : undefined;
    throw new TypeError(`a ${typeof ctor === "function" ? ctor.name : "object"}${key ? ` at "${key}"` : ""}`);
  }
  return value;
}

function tooDeep(block: string): EngineError {
  return new EngineError("OUTPUT_TOO_DEEP", `The data of "${block}" is nested more than ${MAX_OUTPUT_DEPTH} levels deep: flatten it (e.g. a list of rows instead of nested lists)`, {
    block,
    data: { maxDepth: MAX_OUTPUT_DEPTH },
  });
}

export interface CheckedOutput {
  json: string;
  preview: OutputPreview;
}

/**
 * The JSON text of a block's data, refusing values JSON cannot carry (OUTPUT_NOT_JSON), data
 * nested deeper than MAX_OUTPUT_DEPTH (OUTPUT_TOO_DEEP) and data over `maxBytes` (OUTPUT_TOO_LARGE). `trusted` data came out of JSON.parse (sandbox
 * results), so the strict walk is skipped. Top-level undefined is null (a block without return).
 */
export function checkOutput(data: unknown, block: string, maxBytes: number, trusted: boolean): CheckedOutput {
  let json: string;
  try {
    json = (trusted ? JSON.stringify(data) : JSON.stringify(data, strictReplacer)) ?? "null";
  } catch (err) {
    // JSON.stringify recurses: data nested thousands deep overflows the stack.
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw tooDeep(block);
    const why = err instanceof Error ? err.message : String(err);
    throw new EngineError("OUTPUT_NOT_JSON", `The data of "${block}" cannot be sent as JSON: it holds ${why}`, { block });
  }
  if (jsonDeeperThan(json)) throw tooDeep(block);
  // Counting bytes is linear; skip it when even 3 bytes per code unit cannot exceed the cap.
  const size = json.length * 3 <= maxBytes ? json.length : Buffer.byteLength(json);
  if (size > maxBytes) {
    throw new EngineError("OUTPUT_TOO_LARGE", `The data of "${block}" is ${size} bytes, over the limit of ${maxBytes}`, { block });
  }
  const truncated = json.length > PREVIEW_CHARS;
  return { json, preview: { json: truncated ? json.slice(0, PREVIEW_CHARS) : json, size, truncated } };
}
