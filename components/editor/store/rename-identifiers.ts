import { parseTemplate } from "@/engine/expressions/parse-template";
import type { IdentifierToken } from "@/components/shared/identifier-token";
import { scanJavaScript } from "@/components/shared/scan-javascript";
import { scanPython } from "@/components/shared/scan-python";

export type Language = "javascript" | "python";
/** Old name → new name; applied all at once, so `a→b, b→a` swaps. */
export type Renames = ReadonlyMap<string, string>;

function prevChar(src: string, i: number): { c: string; at: number } {
  let k = i - 1;
  while (k >= 0 && /\s/.test(src[k])) k--;
  return { c: k >= 0 ? src[k] : "", at: k };
}

function nextChar(src: string, i: number): { c: string; at: number } {
  let k = i;
  while (k < src.length && /\s/.test(src[k])) k++;
  return { c: k < src.length ? src[k] : "", at: k };
}

/**
 * Whether an identifier token names something in scope (a block or parameter) rather than a
 * property or key: not after `.` / `?.` (but `...name` spreads it), not an object-literal key
 * `{ name: … }` in JavaScript, not a keyword argument `f(name=…)` in Python.
 */
export function isReference(src: string, t: IdentifierToken, language: Language): boolean {
  const before = prevChar(src, t.start);
  if (before.c === "." && !(src[before.at - 1] === "." && src[before.at - 2] === ".")) return false;
  const after = nextChar(src, t.end);
  if (language === "javascript") return !("{,".includes(before.c) && before.c !== "" && after.c === ":");
  const keyword = "(,".includes(before.c) && before.c !== "" && after.c === "=" && src[after.at + 1] !== "=";
  return !keyword;
}

/** `src` with every referencing identifier token named in `renames` replaced. */
export function renameInCode(src: string, language: Language, renames: Renames): string {
  if (renames.size === 0) return src;
  const tokens = language === "python" ? scanPython(src) : scanJavaScript(src);
  let out = "";
  let last = 0;
  for (const t of tokens) {
    const to = renames.get(t.name);
    if (to === undefined || !isReference(src, t, language)) continue;
    out += src.slice(last, t.start) + to;
    last = t.end;
  }
  return last === 0 ? src : out + src.slice(last);
}

/**
 * `text` with the names in `renames` replaced inside its `{{ }}` expressions (JavaScript);
 * the text around them is left as it is, whitespace inside the braces included.
 */
export function renameInTemplate(text: string, renames: Renames): string {
  if (renames.size === 0 || !text.includes("{{")) return text;
  let out = "";
  let at = 0;
  for (const seg of parseTemplate(text)) {
    if (seg.kind === "text") {
      out += seg.text;
      at += seg.text.length;
      continue;
    }
    // parseTemplate trims the expression: find it again between its braces to keep the spacing.
    if (!text.startsWith("{{", at)) return text;
    const start = text.indexOf(seg.source, at + 2);
    const close = text.indexOf("}}", start + seg.source.length);
    if (start === -1 || close === -1) return text;
    out += text.slice(at, start) + renameInCode(seg.source, "javascript", renames) + text.slice(start + seg.source.length, close + 2);
    at = close + 2;
  }
  return out;
}
