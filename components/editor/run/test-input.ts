import type { ParamDef, ParamType } from "@/engine/model";
import { isRecord } from "./format";

/** A value of `type` that a user edits from: "" for strings, 0, false, {}, [], null, today for dates. */
export function emptyValueFor(type: ParamType, now: number = Date.now()): unknown {
  switch (type) {
    case "string":
      return "";
    case "number":
      return 0;
    case "boolean":
      return false;
    case "object":
      return {};
    case "array":
      return [];
    case "json":
      return null;
    case "date":
      return new Date(now).toISOString().slice(0, 10);
  }
}

/**
 * The starting test input: each parameter's default, a type-appropriate empty value for a
 * required parameter without one; optional parameters without a default are left out.
 */
export function defaultTestInput(params: readonly ParamDef[], now: number = Date.now()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    if (p.default !== undefined) out[p.name] = p.default;
    else if (p.required) out[p.name] = emptyValueFor(p.type, now);
  }
  return out;
}

export function formatTestInput(value: Record<string, unknown>): string {
  return JSON.stringify(value, null, 2);
}

export type ParsedTestInput = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** The test input text as the Test endpoint takes it: a JSON object of parameters (blank means `{}`). */
export function parseTestInput(text: string): ParsedTestInput {
  if (text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `Invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!isRecord(value)) return { ok: false, message: "The test input must be a JSON object of parameters, e.g. { \"id\": 1 }" };
  return { ok: true, value };
}
