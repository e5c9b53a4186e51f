import type { Scope } from "../types";

/**
 * Only the scope entries whose names appear as identifier-like words in the user's text are sent
 * into the VM: a block that reads `getUsers.data` does not pay for copying and parsing every
 * other block's output. The scan is deliberately loose (it also matches words inside strings,
 * comments and property names), so it can only include too much, never too little, for code that
 * names what it reads. Code that reaches scope entries by computed names (`globalThis[name]`)
 * does not see them: documented in ../README.md.
 */

const WORD = /[A-Za-z_$][\w$]*/g;
const CACHE_LIMIT = 500;
const CACHE_MAX_TEXT = 64 * 1024;
/** Blocks run the same source many times: remember each text's words. */
const cache = new Map<string, Set<string>>();

export function wordsIn(text: string): Set<string> {
  const hit = cache.get(text);
  if (hit) return hit;
  const words = new Set(text.match(WORD));
  if (text.length <= CACHE_MAX_TEXT) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, words);
  }
  return words;
}

export function pickScope(scope: Scope, texts: readonly string[]): Scope {
  const sets = texts.map(wordsIn);
  const picked: Scope = {};
  for (const key of Object.keys(scope)) {
    if (sets.some((words) => words.has(key))) picked[key] = scope[key];
  }
  return picked;
}
