import type { Expression } from "acorn";
import { evaluateRoot } from "./interpret-expression";
import { parseExpression } from "./parse-expression";
import { expressionReads } from "./reads-of";

export type CompiledExpression = (values: readonly unknown[]) => unknown;

export interface Compiled {
  /** The state names the expression reads, in the order `run` takes their values. */
  names: readonly string[];
  run: CompiledExpression;
}

/** One source: the names it may read, its checked tree, and one Compiled per set of names in scope. */
interface SourceEntry {
  reads: readonly string[];
  tree: Expression | { error: string };
  byNames: Map<string, Compiled>;
  last: Compiled | null;
  /** The `inScope` `last` was made for: the same function (one per scope) means the same names. */
  lastInScope: ((name: string) => boolean) | null;
}

const cache = new Map<string, SourceEntry>();
const MAX_CACHED = 5_000;

function entryOf(source: string): SourceEntry {
  let entry = cache.get(source);
  if (!entry) {
    entry = { reads: expressionReads(source), tree: parseExpression(source), byNames: new Map(), last: null, lastInScope: null };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(source, entry);
  }
  return entry;
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * The expression for `source` given the names in scope, ready to run, or why it cannot run.
 * Nothing is compiled to JavaScript: the source is parsed once (cached per source), checked
 * against what expressions allow (parse-expression.ts), and `run` interprets the tree
 * (interpret-expression.ts). A name the source reads that is missing from the scope is "not
 * defined" when read, an error the inspector shows. Pass the same `inScope` function for the
 * same scope (expressions.ts keeps one per scope): a page's render then finds each expression
 * by identity.
 */
export function compiledExpression(source: string, inScope: (name: string) => boolean): Compiled | { error: string } {
  const entry = entryOf(source);
  const tree = entry.tree;
  if ("error" in tree) return tree;
  if (entry.last && entry.lastInScope === inScope) return entry.last;
  const names = entry.reads.filter(inScope);
  entry.lastInScope = inScope;
  if (entry.last && sameNames(entry.last.names, names)) return entry.last;
  const key = names.join(",");
  let compiled = entry.byNames.get(key);
  if (!compiled) {
    compiled = { names, run: (values) => evaluateRoot(tree, names, values, source) };
    entry.byNames.set(key, compiled);
  }
  entry.last = compiled;
  return compiled;
}
