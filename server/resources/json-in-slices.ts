/**
 * JSON.parse for large texts (a 50 MB REST response) that gives the event loop a turn every
 * `sliceChars` characters, so health and other calls answer while it runs: one JSON.parse of
 * 50 MB holds the main thread for a second or more. (A worker thread does not help: handing the
 * parsed value back costs the main thread about as much as parsing it.)
 *
 * Containers and strings that end within `nativeChars` characters are parsed by JSON.parse on
 * their slice, so typical data (an array of rows) goes at nearly native speed; only the large
 * containers around them are walked here, with an explicit stack (any depth, no recursion).
 * The result equals JSON.parse's: own `__proto__` keys, last duplicate wins, same numbers.
 */

export interface SliceOptions {
  /** Characters parsed between two turns of the event loop. */
  sliceChars?: number;
  /** A container or string that closes within this many characters is handed to JSON.parse whole. */
  nativeChars?: number;
  /** Awaited between slices; one turn of the event loop (setImmediate) by default. */
  pause?: () => Promise<void>;
}

type Frame = { array: unknown[]; object?: undefined; key?: undefined } | { array?: undefined; object: Record<string, unknown>; key: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const CONTROL = /[\u0000-\u001f]/; // JSON strings may not hold them raw

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function fail(text: string, at: number): never {
  const what = at >= text.length ? "end of JSON input" : `token ${JSON.stringify(text[at])}`;
  throw new SyntaxError(`Unexpected ${what} at position ${at}`);
}

/** The index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return -1;
    let slashes = 0;
    while (text.charCodeAt(i - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return i;
  }
}

/** The index of the bracket closing the container that opens at `start`, if it is within `limit` characters; else -1. */
function closingWithin(text: string, start: number, limit: number): number {
  const stop = Math.min(text.length, start + limit);
  let depth = 0;
  for (let i = start; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      if (i < 0) return -1;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      depth++;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

export async function parseJsonInSlices(text: string, options: SliceOptions = {}): Promise<unknown> {
  const sliceChars = options.sliceChars ?? 256 * 1024;
  const nativeChars = options.nativeChars ?? 64 * 1024;
  const pause = options.pause ?? nextTurn;
  const stack: Frame[] = [];
  let root: unknown;
  let done = false;
  let i = 0;
  let nextPause = sliceChars;

  const skipWhitespace = () => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.test(text);
    i = WHITESPACE.lastIndex;
  };
  const readString = (): string => {
    const end = stringEnd(text, i);
    if (end < 0) fail(text, text.length);
    const raw = text.slice(i + 1, end);
    const value = raw.includes("\\") || CONTROL.test(raw) ? (JSON.parse(text.slice(i, end + 1)) as string) : raw; // a JSON string literal parses to a string
    i = end + 1;
    return value;
  };
  const readKey = () => {
    skipWhitespace();
    if (text.charCodeAt(i) !== QUOTE) fail(text, i);
    const key = readString();
    skipWhitespace();
    if (text[i] !== ":") fail(text, i);
    i++;
    return key;
  };
  const put = (value: unknown) => {
    const top = stack.at(-1);
    if (!top) {
      root = value;
      done = true;
    } else if (top.array) {
      top.array.push(value);
    } else if (top.key === "__proto__") {
      Object.defineProperty(top.object, top.key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      top.object[top.key] = value;
    }
  };
  /** Reads one value and answers true, or opens a large container (pushed) and answers false: its first value comes next. */
  const readValue = (): boolean => {
    skipWhitespace();
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      const end = closingWithin(text, i, nativeChars);
      if (end >= 0) {
        put(JSON.parse(text.slice(i, end + 1)));
        i = end + 1;
        return true;
      }
      i++;
      skipWhitespace();
      if (text.charCodeAt(i) === (c === OPEN_BRACKET ? CLOSE_BRACKET : CLOSE_BRACE)) {
        i++;
        put(c === OPEN_BRACKET ? [] : {});
        return true;
      }
      stack.push(c === OPEN_BRACKET ? { array: [] } : { object: {}, key: readKey() });
      return false;
    }
    if (c === QUOTE) {
      put(readString());
      return true;
    }
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        put(value);
        return true;
      }
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (!number) fail(text, i);
    i = NUMBER.lastIndex;
    put(Number(number[0]));
    return true;
  };

  // Expecting a value, or after one: then a comma and the next value of the innermost open
  // container, or its end. A loop, not recursion: nesting costs heap, not stack.
  let expectValue = true;
  while (!done) {
    if (i >= nextPause) {
      await pause();
      nextPause = i + sliceChars;
    }
    if (expectValue) {
      expectValue = !readValue();
      continue;
    }
    skipWhitespace();
    const top = stack.at(-1);
    if (!top) break;
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      if (top.object) top.key = readKey();
      expectValue = true;
    } else if (c === (top.array ? CLOSE_BRACKET : CLOSE_BRACE)) {
      i++;
      stack.pop();
      put(top.array ?? top.object);
    } else {
      fail(text, i);
    }
  }
  skipWhitespace();
  if (i < text.length) fail(text, i);
  return root;
}
