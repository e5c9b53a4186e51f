/**
 * What expressions may call besides the functions they define: a few global functions and
 * namespaces (as wrappers that ignore `this`, so passing them around gives nothing away) and,
 * per kind of value, the methods that only read it.
 */

export type Callable = (...args: unknown[]) => unknown;

/** The wrappers below: expressions may call them and read their listed members, nothing else. */
const safeFunctions = new WeakSet<object>();
/** Members of a global that is also a function (`Number.isInteger`, `String.fromCharCode`). */
const functionMembers = new WeakMap<object, Readonly<Record<string, unknown>>>();

export function isSafeFunction(f: unknown): boolean {
  return typeof f === "function" && safeFunctions.has(f);
}

export function functionMember(f: object, name: string): { found: boolean; value: unknown } {
  const members = functionMembers.get(f);
  return members && Object.hasOwn(members, name) ? { found: true, value: members[name] } : { found: false, value: undefined };
}

function wrap(target: object, name: string): Callable {
  const fn: unknown = Reflect.get(target, name);
  if (typeof fn !== "function") throw new Error(`${name} is not a function`);
  const wrapper: Callable = (...args) => Reflect.apply(fn, target, args);
  safeFunctions.add(wrapper);
  return wrapper;
}

function namespace(target: object, functions: readonly string[], constants: readonly string[] = []): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of functions) out[name] = wrap(target, name);
  for (const name of constants) out[name] = Reflect.get(target, name);
  return Object.freeze(out);
}

/** A conversion function (`Number(x)`, called, never constructed) that also has members. */
function conversion(convert: (value?: unknown) => unknown, members: Readonly<Record<string, unknown>>): Callable {
  const wrapper: Callable = (...args) => (args.length === 0 ? convert() : convert(args[0]));
  safeFunctions.add(wrapper);
  functionMembers.set(wrapper, members);
  return wrapper;
}

/** The longest string or array a method or global may build in one call (interpret-expression.ts checks the string methods). */
export const MAX_BUILT_LENGTH = 1_000_000;

/** `Array.from`, refusing an array-like longer than MAX_BUILT_LENGTH. */
const arrayFrom: Callable = (...args) => {
  const source = args[0];
  const length = typeof source === "object" && source !== null ? Number(Reflect.get(source, "length")) : 0;
  if (length > MAX_BUILT_LENGTH) throw new RangeError(`Array.from would build more than ${MAX_BUILT_LENGTH.toLocaleString("en")} items: expressions build small values`);
  return Reflect.apply(Array.from, Array, args);
};
safeFunctions.add(arrayFrom);

const MATH_FUNCTIONS = [
  "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cbrt", "ceil", "clz32", "cos", "cosh", "exp", "expm1",
  "floor", "fround", "hypot", "imul", "log", "log10", "log1p", "log2", "max", "min", "pow", "random", "round", "sign",
  "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
];

/** Globals by name. No Date: an expression depends on the state only (a binding re-evaluated later means the same). */
export const SAFE_GLOBALS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["Math", namespace(Math, MATH_FUNCTIONS, ["E", "LN10", "LN2", "LOG10E", "LOG2E", "PI", "SQRT1_2", "SQRT2"])],
  ["JSON", namespace(JSON, ["parse", "stringify"])],
  ["Object", namespace(Object, ["keys", "values", "entries", "fromEntries", "hasOwn"])],
  ["Array", Object.freeze({ ...namespace(Array, ["isArray", "of"]), from: arrayFrom })],
  ["Number", conversion(Number, namespace(Number, ["isFinite", "isInteger", "isNaN", "isSafeInteger", "parseFloat", "parseInt"],
    ["EPSILON", "MAX_SAFE_INTEGER", "MAX_VALUE", "MIN_SAFE_INTEGER", "MIN_VALUE", "NaN", "NEGATIVE_INFINITY", "POSITIVE_INFINITY"]))],
  ["String", conversion(String, namespace(String, ["fromCharCode", "fromCodePoint"]))],
  ["Boolean", conversion(Boolean, {})],
  ...["parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI"]
    .map((name): [string, unknown] => [name, wrap(globalThis, name)]),
]);

/**
 * Browser globals an expression might name: reading one gives `undefined` (as before the
 * interpreter), using one says it is not available.
 */
export const UNAVAILABLE_GLOBALS: ReadonlySet<string> = new Set([
  "window", "self", "globalThis", "top", "parent", "frames", "opener", "document", "location", "history", "navigator",
  "fetch", "XMLHttpRequest", "WebSocket", "EventSource", "Request", "sendBeacon", "importScripts",
  "localStorage", "sessionStorage", "indexedDB", "caches", "cookieStore", "console", "crypto",
  "eval", "Function", "Reflect", "Proxy", "Symbol", "Promise", "Date", "RegExp", "Error", "setTimeout", "setInterval",
  "setImmediate", "requestAnimationFrame", "queueMicrotask", "Worker", "SharedWorker", "ServiceWorker", "BroadcastChannel",
  "MessageChannel", "postMessage", "alert", "confirm", "prompt", "open", "close", "print", "process", "require", "module",
  "Deno", "Bun", "WebAssembly",
]);

type Method = (this: unknown, ...args: unknown[]) => unknown;

function methods(proto: object, names: readonly string[]): ReadonlyMap<string, Method> {
  const out = new Map<string, Method>();
  for (const name of names) {
    const m: unknown = Reflect.get(proto, name);
    // `as`: a built-in method, called only through Reflect.apply with a receiver of its own kind
    if (typeof m === "function") out.set(name, m as Method);
  }
  return out;
}

/** Methods that read a value and return data (never a function, an iterator or a prototype). */
export const STRING_METHODS = methods(String.prototype, [
  "at", "charAt", "charCodeAt", "codePointAt", "concat", "endsWith", "includes", "indexOf", "lastIndexOf",
  "localeCompare", "match", "normalize", "padEnd", "padStart", "repeat", "replace", "replaceAll", "search", "slice",
  "split", "startsWith", "substring", "substr", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "toLocaleUpperCase",
  "trim", "trimStart", "trimEnd", "toString", "valueOf",
]);

/** Array methods; `sort` and `reverse` change the array, so they fail on the (frozen) state's arrays. */
export const ARRAY_METHODS = methods(Array.prototype, [
  "at", "concat", "every", "filter", "find", "findIndex", "findLast", "findLastIndex", "flat", "flatMap", "forEach",
  "includes", "indexOf", "join", "lastIndexOf", "map", "reduce", "reduceRight", "slice", "some", "sort", "reverse",
  "toReversed", "toSorted", "with", "toString",
]);

export const NUMBER_METHODS = methods(Number.prototype, ["toFixed", "toPrecision", "toExponential", "toString", "toLocaleString", "valueOf"]);
export const BOOLEAN_METHODS = methods(Boolean.prototype, ["toString", "valueOf"]);
export const REGEXP_METHODS = methods(RegExp.prototype, ["test", "exec"]);
