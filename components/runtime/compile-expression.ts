import { evaluateRoot } from "./interpret-expression";
import { parseExpression } from "./parse-expression";
import { expressionReads } from "./reads-of";

export type CompiledExpression = (values: readonly unknown[]) => unknown;

export interface Compiled {
  /** The state names the expression reads, in the order `run` takes their values. */
  names: readonly string[];
  run: CompiledExpression;
}

const cache = new Map<string, Compiled | { error: string }>();
const readsCache = new Map<string, readonly string[]>();
const MAX_CACHED = 5_000;

function readsOf(source: string): readonly string[] {
  let reads = readsCache.get(source);
  if (!reads) {
    if (readsCache.size >= MAX_CACHED) readsCache.clear();
    reads = expressionReads(source);
    readsCache.set(source, reads);
  }
  return reads;
}

/**
 * The expression for `source` given the names in scope, ready to run, or why it cannot run.
 * Nothing is compiled to JavaScript: the source is parsed once (cached per source), checked
 * against what expressions allow, and `run` interprets the tree (interpret-expression.ts).
 * Cached by source and the names it reads that exist in the scope (a name missing from the
 * scope is "not defined" when read, an error the inspector shows).
 */
export function compiledExpression(source: string, inScope: (name: string) => boolean): Compiled | { error: string } {
  const names = readsOf(source).filter(inScope);
  const key = `${names.join(",")}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const tree = parseExpression(source);
  const entry: Compiled | { error: string } = "error" in tree
    ? { error: tree.error }
    : { names, run: (values) => evaluateRoot(tree, names, values, source) };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, entry);
  return entry;
}
