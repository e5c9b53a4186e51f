import { parseTemplate, type TemplateSegment } from "./parse-template";
import { singleExpression } from "./single-expression";
import { stringifyValue } from "./stringify-value";

/** Evaluates several `{{ }}` bodies at once (one sandbox call) and gives their values in order. */
export type Evaluate = (expressions: string[]) => Promise<unknown[]>;

export type PathKey = string | number;

export interface ResolveOptions {
  /**
   * value: a template that is one `{{ expr }}` yields the value itself, mixed text a string.
   * text: every template yields a string (values stringified), so the shape of the config holds.
   */
  mode: "value" | "text";
  /** Strings to leave untouched, by path (e.g. a SQL statement, bound by its resource instead). */
  skip?: (path: readonly PathKey[]) => boolean;
}

interface Found {
  segments: TemplateSegment[];
  /** Index of this template's first expression in the batch. */
  first: number;
}

function collect(value: unknown, path: PathKey[], options: ResolveOptions, found: Map<string, Found>, batch: string[]): void {
  if (typeof value === "string") {
    if (!value.includes("{{") || options.skip?.(path)) return;
    const segments = parseTemplate(value);
    const first = batch.length;
    for (const s of segments) if (s.kind === "expression") batch.push(s.source);
    if (batch.length > first) found.set(JSON.stringify(path), { segments, first });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, [...path, i], options, found, batch));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) collect(v, [...path, k], options, found, batch);
  }
}

function render(f: Found, values: readonly unknown[], mode: ResolveOptions["mode"]): unknown {
  if (mode === "value" && singleExpression(f.segments) !== null) return values[f.first];
  let i = f.first;
  let out = "";
  for (const s of f.segments) out += s.kind === "text" ? s.text : stringifyValue(values[i++]);
  return out;
}

function rebuild(value: unknown, path: PathKey[], found: Map<string, Found>, values: readonly unknown[], options: ResolveOptions): unknown {
  if (typeof value === "string") {
    const f = found.get(JSON.stringify(path));
    return f ? render(f, values, options.mode) : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => rebuild(v, [...path, i], found, values, options));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = rebuild(v, [...path, k], found, values, options);
    return out;
  }
  return value;
}

/**
 * Resolves every template string in `config` (deeply) with ONE call to `evaluate`. Without any
 * `{{ }}` it returns `config` itself: no call, no copy. An empty `{{ }}` is `undefined`.
 */
export async function resolveTemplates(config: unknown, evaluate: Evaluate, options: ResolveOptions): Promise<unknown> {
  const found = new Map<string, Found>();
  const batch: string[] = [];
  collect(config, [], options, found, batch);
  if (found.size === 0) return config;
  const wanted = batch.map((src, i) => [src, i] as const).filter(([src]) => src !== "");
  const results = await evaluate(wanted.map(([src]) => src));
  const values = new Array<unknown>(batch.length).fill(undefined);
  wanted.forEach(([, i], j) => (values[i] = results[j]));
  return rebuild(config, [], found, values, options);
}
