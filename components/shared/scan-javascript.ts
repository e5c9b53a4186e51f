import { lineEnd, skipNumber, skipQuoted, type IdentifierToken } from "./identifier-token";

const ID_START = /[A-Za-z_$]/;
const ID_PART = /[A-Za-z0-9_$]/;
/** After these words a `/` opens a regular expression, not a division. */
const REGEX_AFTER_WORD = new Set(["return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await"]);

/** Index after a regular-expression literal opening at `i` (flags included). */
function skipRegex(src: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  while (j < src.length && src[j] !== "\n") {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) break;
    j++;
  }
  j++;
  while (j < src.length && ID_PART.test(src[j])) j++;
  return j;
}

/** Index after a template literal whose text starts at `i` (after the backtick). */
function scanTemplateLiteral(src: string, i: number, out: IdentifierToken[]): number {
  let j = i;
  while (j < src.length) {
    const c = src[j];
    if (c === "\\") j += 2;
    else if (c === "`") return j + 1;
    else if (c === "$" && src[j + 1] === "{") j = scanCode(src, j + 2, out, true);
    else j++;
  }
  return j;
}

/**
 * Collects identifiers in code position from `i` on. With `closeOnBrace` (a `${…}`
 * substitution) it returns after the `}` that closes it. `regexOk` tracks whether a `/` here
 * would start a regular expression (after an operator or keyword) or divide (after a value).
 */
function scanCode(src: string, i: number, out: IdentifierToken[], closeOnBrace: boolean): number {
  let depth = 0;
  let regexOk = true;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === "/" && next === "/") i = lineEnd(src, i);
    else if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end === -1 ? src.length : end + 2;
    } else if (c === "'" || c === '"') [i, regexOk] = [skipQuoted(src, i), false];
    else if (c === "`") [i, regexOk] = [scanTemplateLiteral(src, i + 1, out), false];
    else if (c === "/" && regexOk) [i, regexOk] = [skipRegex(src, i), false];
    else if (ID_START.test(c)) {
      let j = i + 1;
      while (j < src.length && ID_PART.test(src[j])) j++;
      const name = src.slice(i, j);
      out.push({ name, start: i, end: j });
      [i, regexOk] = [j, REGEX_AFTER_WORD.has(name)];
    } else if (/[0-9]/.test(c)) [i, regexOk] = [skipNumber(src, i), false];
    else {
      if (c === "}" && depth === 0 && closeOnBrace) return i + 1;
      if (c === "{") depth++;
      else if (c === "}") depth--;
      if (!/\s/.test(c)) regexOk = !(c === ")" || c === "]" || c === "}");
      i++;
    }
  }
  return i;
}

/**
 * Identifiers of a JavaScript source (or `{{ }}` expression) that are in code position: not in
 * string literals, comments or regular expressions, but inside template-literal substitutions.
 * A lexer, not a parser: it does not know scopes, so a local variable is found like any name.
 */
export function scanJavaScript(src: string): IdentifierToken[] {
  const out: IdentifierToken[] = [];
  scanCode(src, 0, out, false);
  return out;
}
