import { z } from "zod";
import type { ParamType } from "../model";

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = z.iso.date();
const ISO_DATETIME = z.iso.datetime({ offset: true, local: true });
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Numeric strings (form fields, query strings) become numbers; anything else is left for zod to refuse. */
function coerceNumber(value: unknown): unknown {
  if (typeof value === "string" && NUMERIC.test(value.trim())) return Number(value.trim());
  return value;
}

function coerceBoolean(value: unknown): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  return value;
}

/** An ISO date or date-time, normalised to `toISOString()`; a date-time without offset is read as UTC. */
const IsoDate = z.string().transform((text, ctx) => {
  const s = text.trim();
  let ms = Number.NaN;
  if (ISO_DATE.safeParse(s).success) ms = Date.parse(`${s}T00:00:00Z`);
  else if (ISO_DATETIME.safeParse(s).success) ms = Date.parse(HAS_OFFSET.test(s) ? s : `${s}Z`);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "Expected an ISO date (2024-01-31) or date-time (2024-01-31T12:00:00Z)" });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

/** The zod schema of one parameter type, coercions included, before required/default handling. */
export function paramTypeSchema(type: ParamType): z.ZodType {
  switch (type) {
    case "string":
      return z.string();
    case "number":
      return z.preprocess(coerceNumber, z.number().finite());
    case "boolean":
      return z.preprocess(coerceBoolean, z.boolean());
    case "object":
      return z.record(z.string(), z.json());
    case "array":
      return z.array(z.json());
    case "json":
      return z.json();
    case "date":
      return IsoDate;
  }
}
