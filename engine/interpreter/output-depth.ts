/**
 * How deep a block's data or a run's result may nest. Deeper data would overflow the stack of
 * whatever walks it next (JSON with a replacer, the stored run, the page's JSON view), so it is
 * refused where it is made, naming the block.
 */
export const MAX_OUTPUT_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * The nesting depth of JSON text, counted without parsing (strings are skipped), stopping as
 * soon as it passes `max`. Text shorter than `2 × max` characters cannot be deeper.
 */
export function jsonDeeperThan(json: string, max: number = MAX_OUTPUT_DEPTH): boolean {
  if (json.length <= 2 * max) return false;
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote: the next one not preceded by an odd run of backslashes.
      for (;;) {
        i = json.indexOf('"', i + 1);
        if (i < 0) return false;
        let slashes = 0;
        while (json.charCodeAt(i - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
      }
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}
