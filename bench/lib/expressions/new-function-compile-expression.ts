/**
 * The page-expression compiler Lathe shipped before issue 12 (`new Function`), kept for the
 * expressions bench only, as its baseline: it lets an expression reach the browser (README of
 * components/runtime/). Never imported by the app.
 */
import { IDENTIFIER_PATTERN } from "@/engine/model/identifier";
import { scanJavaScript } from "@/components/shared/scan-javascript";
import { expressionReads } from "@/components/runtime/reads-of";

/**
 * Globals an expression must not reach by name: the network, storage, the DOM, navigation,
 * timers, workers and code generation. Each is a parameter of the compiled wrapper left
 * undefined, so `fetch(…)` is "fetch is not a function". This stops accidents, not an
 * attacker (a prototype still leads to the real `Function`): see README.md ("What
 * read-only means").
 */
export const SHADOWED_GLOBALS: readonly string[] = [
  "window", "self", "globalThis", "top", "parent", "frames", "opener", "document", "location", "history", "navigator",
  "fetch", "XMLHttpRequest", "WebSocket", "EventSource", "Request", "sendBeacon", "importScripts",
  "localStorage", "sessionStorage", "indexedDB", "caches", "cookieStore",
  "eval", "Function", "setTimeout", "setInterval", "setImmediate", "requestAnimationFrame", "queueMicrotask",
  "Worker", "SharedWorker", "ServiceWorker", "BroadcastChannel", "MessageChannel", "postMessage",
  "alert", "confirm", "prompt", "open", "close", "print", "process", "require", "module", "Deno", "Bun",
];

/** Words that cannot be a parameter of a strict-mode function. */
const NOT_PARAMETERS: ReadonlySet<string> = new Set(["eval", "arguments", "let", "static", "yield", "await", "implements", "interface", "package", "private", "protected", "public"]);

export type CompiledExpression = (values: readonly unknown[]) => unknown;

export interface Compiled {
  /** The state names the expression reads, in the order `run` takes their values. */
  names: readonly string[];
  run: CompiledExpression;
}

const cache = new Map<string, Compiled | { error: string }>();
const MAX_CACHED = 5_000;

/**
 * `import(…)` and `import.meta` are syntax, not names, so no parameter can shadow them; an
 * expression using them is refused.
 */
function refused(source: string): string | null {
  const imports = scanJavaScript(source).some((t) => t.name === "import" && !/(^|[^.])\.\s*$/.test(source.slice(0, t.start)));
  return imports ? "Expressions cannot import modules" : null;
}

/**
 * Compiles one expression with the given state names as parameters. The outer function is
 * sloppy-mode only so that `eval` can be a parameter (strict mode forbids that); the
 * expression itself runs in the inner strict-mode function, where `this` is undefined.
 *
 * The source is spliced into the wrapper, so it is first checked to parse, on its own, both
 * as `(expr)` and as `[expr]`: text that closes the wrapper early (`1); x; (1`) cannot close
 * both a parenthesis and a bracket, and fails one of the two.
 */
function compile(source: string, names: readonly string[]): Compiled {
  new Function(`"use strict"; return [${source}\n];`); // parse check only, never called
  const factory = new Function(...SHADOWED_GLOBALS, `return function (${names.join(", ")}) { "use strict"; return (${source}\n); };`);
  const fn: unknown = factory();
  if (typeof fn !== "function") throw new Error("The expression did not compile");
  return {
    names,
    run: (values) => Reflect.apply(fn, undefined, values),
  };
}

/**
 * The compiled expression for `source` given the names in scope, or its syntax error.
 * Cached by source and the names it reads that exist in the scope (a name missing from the
 * scope stays a free variable, so reading it is a ReferenceError the inspector shows).
 */
export function compiledExpression(source: string, inScope: (name: string) => boolean): Compiled | { error: string } {
  const names = expressionReads(source).filter(
    (n) => inScope(n) && IDENTIFIER_PATTERN.test(n) && !NOT_PARAMETERS.has(n),
  );
  const key = `${names.join(",")}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let entry: Compiled | { error: string };
  const refusal = refused(source);
  if (refusal) entry = { error: refusal };
  else {
    try {
      entry = compile(source, names);
    } catch (e) {
      entry = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, entry);
  return entry;
}
