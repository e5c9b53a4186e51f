import type { Block } from "../model";
import type { Scope } from "../sandbox/types";

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;
const tokensOf = new WeakMap<Block, ReadonlySet<string>>();

function addWords(value: unknown, into: Set<string>): void {
  if (typeof value === "string") for (const w of value.match(IDENTIFIER) ?? []) into.add(w);
  else if (Array.isArray(value)) for (const v of value) addWords(v, into);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) addWords(v, into);
}

/**
 * The part of the scope a block can name: the entries whose names occur as words in the block's
 * config (its code, templates, conditions). Sending only those keeps a long chain from
 * re-serialising every earlier block's data at every step. Cached per block object.
 */
export function scopeFor(block: Block, scope: Scope): Scope {
  let tokens = tokensOf.get(block);
  if (!tokens) {
    const words = new Set<string>();
    addWords(block.config, words);
    tokensOf.set(block, words);
    tokens = words;
  }
  const out: Scope = {};
  for (const name in scope) if (tokens.has(name)) out[name] = scope[name];
  return out;
}
