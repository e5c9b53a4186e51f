import { parseTemplate } from "@/engine/expressions/parse-template";
import { scanJavaScript } from "@/components/shared/scan-javascript";

/** Words the lexer reports that are syntax or literals, never names in the state. */
const NOT_NAMES: ReadonlySet<string> = new Set([
  "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "let", "new",
  "null", "of", "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void",
  "while", "with", "yield", "async", "undefined", "NaN", "Infinity",
]);

function previousNonSpace(src: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && /\s/.test(src[j])) j--;
  return j;
}

function nextNonSpace(src: string, i: number): string {
  let j = i;
  while (j < src.length && /\s/.test(src[j])) j++;
  return src[j] ?? "";
}

/** A property access (`a.b`, `a?.b`), not a spread (`...b`). */
function isMember(src: string, start: number): boolean {
  const p = previousNonSpace(src, start);
  return src[p] === "." && !(src[p - 1] === "." && src[p - 2] === ".");
}

/** A key of an object literal: `{ key: …` or `, key: …` (after `,` a `:` cannot be a ternary's). */
function isObjectKey(src: string, start: number, end: number): boolean {
  const before = src[previousNonSpace(src, start)];
  return (before === "{" || before === ",") && nextNonSpace(src, end) === ":";
}

/**
 * The root names one expression reads (`getCustomers` in `getCustomers.data[0].name`), in
 * order of first appearance. A lexer, not a parser: a local name (an arrow function's
 * parameter) is reported too, so callers intersect the result with the names they know.
 */
export function expressionReads(source: string): string[] {
  const out = new Set<string>();
  for (const t of scanJavaScript(source)) {
    if (NOT_NAMES.has(t.name) || isMember(source, t.start) || isObjectKey(source, t.start, t.end)) continue;
    out.add(t.name);
  }
  return [...out];
}

const cache = new Map<string, readonly string[]>();
const MAX_CACHED = 5_000;

/**
 * The root names a template's `{{ }}` expressions read, for dependency tracking, loading
 * states and completion. Cached: pages ask on every render.
 */
export function readsOf(template: string): readonly string[] {
  const hit = cache.get(template);
  if (hit) return hit;
  const out = new Set<string>();
  for (const s of parseTemplate(template)) {
    if (s.kind === "expression") for (const name of expressionReads(s.source)) out.add(name);
  }
  const names = Object.freeze([...out]);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(template, names);
  return names;
}
