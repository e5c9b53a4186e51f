import { describeKind, isPrimitive } from "./prop-values";

/** A select option; `value` is what `state.value` holds when it is chosen. */
export interface SelectOption {
  label: string;
  value: string | number | boolean;
}

export interface NormalisedOptions {
  options: SelectOption[];
  /** Shown small under the select when the prop was not what it should be. */
  warning: string | null;
}

/**
 * The `options` prop: an array of strings (or numbers) or `{ label, value }` objects
 * (`label` defaults to the value's text). Not an array → no options and a warning; items
 * that are neither are skipped, with a warning counting them.
 */
export function normaliseOptions(raw: unknown): NormalisedOptions {
  if (raw === undefined || raw === null) return { options: [], warning: null };
  if (!Array.isArray(raw)) return { options: [], warning: `Options should be an array, got ${describeKind(raw)}` };
  const options: SelectOption[] = [];
  let skipped = 0;
  for (const item of raw) {
    if (typeof item === "string" || (typeof item === "number" && Number.isFinite(item))) {
      options.push({ label: String(item), value: item });
    } else if (typeof item === "object" && item !== null && !Array.isArray(item) && "value" in item && isOptionValue(item.value)) {
      const label = "label" in item && isPrimitive(item.label) ? String(item.label) : String(item.value);
      options.push({ label, value: item.value });
    } else {
      skipped++;
    }
  }
  const warning = skipped === 0 ? null : `${skipped} option${skipped === 1 ? "" : "s"} skipped: use strings or { label, value }`;
  return { options, warning };
}

function isOptionValue(value: unknown): value is SelectOption["value"] {
  return typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/** The index of the option holding `value`, or -1. */
export function selectedOptionIndex(options: readonly SelectOption[], value: unknown): number {
  return options.findIndex((o) => o.value === value);
}
