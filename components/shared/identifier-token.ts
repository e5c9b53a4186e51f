/** An identifier found in code position, with its place in the source. */
export interface IdentifierToken {
  name: string;
  start: number;
  end: number;
}

/** Index of the end of the line holding `i` (the newline itself, or the end of the text). */
export function lineEnd(src: string, i: number): number {
  const n = src.indexOf("\n", i);
  return n === -1 ? src.length : n;
}

/** Index after a one-line quoted literal opening at `i`; stops at an unescaped newline. */
export function skipQuoted(src: string, i: number): number {
  const quote = src[i];
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (c === "\\") j += 2;
    else if (c === quote) return j + 1;
    else if (c === "\n") return j;
    else j++;
  }
  return j;
}

/** Index after a number literal starting at `i` (`1`, `1.5e3`, `0xff`, `1_000`, `10n`). */
export function skipNumber(src: string, i: number): number {
  let j = i + 1;
  while (j < src.length && /[0-9A-Za-z_.]/.test(src[j])) j++;
  return j;
}
