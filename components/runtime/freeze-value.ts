/**
 * A deep-frozen plain copy of `value`, as the app state holds it: plain objects, arrays and
 * primitives only. Functions and symbols become `undefined` (state never holds anything an
 * expression could call), a Date becomes its ISO string, a Map or Set becomes an object or
 * array, any other object a plain object of its own enumerable properties. Shared and cyclic
 * references are kept as shared and cyclic frozen copies.
 *
 * Values already frozen by this function are returned as they are: a value taken from the
 * state and stored again (a table row becoming `selectedRow`) costs nothing.
 */
export function freezeValue(value: unknown): unknown {
  return copy(value, new Map());
}

/** Every object this module froze: frozen copies are never copied again. */
const frozenByUs = new WeakSet<object>();

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (typeof value !== "object" || value === null) return value;
  if (frozenByUs.has(value)) return value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(copy(item, seen));
    return seal(out);
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [k, v] of entries) {
    const item = copy(v, seen);
    if (item === undefined) continue;
    const key = String(k);
    // A `__proto__` key (JSON.parse makes one) stays data: assigning it would set the prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return seal(out);
}

function seal<T extends object>(o: T): T {
  frozenByUs.add(o);
  return Object.freeze(o);
}
