import { lineEnd, skipNumber, type IdentifierToken } from "./identifier-token";

const ID_START = /[A-Za-z_]/;
const ID_PART = /[A-Za-z0-9_]/;
/** String prefixes: raw, bytes, unicode, f-strings and t-strings, in any case and order. */
const STRING_PREFIX = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;

/**
 * Index after a string literal opening at `i` (`'`, `"`, or a triple quote). In an f-string
 * (or t-string) the `{…}` replacement fields are code and are scanned; `{{` is a literal brace.
 */
function skipString(src: string, i: number, prefix: string, out: IdentifierToken[]): number {
  const q = src[i];
  const delim = src.startsWith(q + q + q, i) ? q + q + q : q;
  const interpolates = /[fFtT]/.test(prefix);
  let j = i + delim.length;
  while (j < src.length) {
    const c = src[j];
    if (c === "\\") j += 2;
    else if (src.startsWith(delim, j)) return j + delim.length;
    else if (c === "\n" && delim.length === 1) return j;
    else if (interpolates && c === "{" && src[j + 1] === "{") j += 2;
    else if (interpolates && c === "{") j = scanCode(src, j + 1, out, true);
    else j++;
  }
  return j;
}

/** Collects identifiers in code position from `i`; see `scanJavaScript` for `closeOnBrace`. */
function scanCode(src: string, i: number, out: IdentifierToken[], closeOnBrace: boolean): number {
  let depth = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "#") i = lineEnd(src, i);
    else if (c === "'" || c === '"') i = skipString(src, i, "", out);
    else if (ID_START.test(c)) {
      let j = i + 1;
      while (j < src.length && ID_PART.test(src[j])) j++;
      const name = src.slice(i, j);
      if (STRING_PREFIX.test(name) && (src[j] === "'" || src[j] === '"')) i = skipString(src, j, name, out);
      else {
        out.push({ name, start: i, end: j });
        i = j;
      }
    } else if (/[0-9]/.test(c)) i = skipNumber(src, i);
    else {
      if (c === "}" && depth === 0 && closeOnBrace) return i + 1;
      if (c === "{") depth++;
      else if (c === "}") depth--;
      i++;
    }
  }
  return i;
}

/**
 * Identifiers of a Python source in code position: not in strings or comments, but inside
 * f-string replacement fields. A lexer, not a parser (no scopes).
 */
export function scanPython(src: string): IdentifierToken[] {
  const out: IdentifierToken[] = [];
  scanCode(src, 0, out, false);
  return out;
}
