import { setImmediate as nextMacrotask } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAppState, emptyFunctionState } from "./app-state";
import escapes from "./expression-escapes.json";
import { evaluateTemplate } from "./expressions";

/**
 * Known ways out of a JavaScript expression (issue 12, hole 5). Each payload, if it ran, would
 * set `globalThis.__lathePwned`, call `globalThis.__latheRecord`, or add `__latheProbe` to a
 * built-in prototype. Each must fail to evaluate or give plain data, and no sentinel may move.
 */
interface Escape {
  name: string;
  source: string;
  /** A word the refusal must name, where the expression is refused for a name. */
  error?: string;
}

const corpus: readonly Escape[] = escapes;

let recorded: string[] = [];

const state = createAppState({
  functions: {
    getCustomers: { ...emptyFunctionState(), data: [{ id: 1, name: "Ada", tags: ["vip"] }] },
  },
  components: { textInput1: { value: "ad" } },
  page: { name: "customers" },
  url: { query: {} },
  currentUser: { name: "You" },
}).get();

function probed(): string[] {
  const prototypes: Array<[string, object]> = [
    ["Object.prototype", Object.prototype], ["Array.prototype", Array.prototype], ["String.prototype", String.prototype],
    ["Function.prototype", Function.prototype],
  ];
  return prototypes.filter(([, p]) => Object.hasOwn(p, "__latheProbe")).map(([n]) => n);
}

/** Plain data only: no function, no object with a prototype other than Object's or Array's. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === "function" || typeof value === "symbol") return false;
  if (typeof value !== "object" || value === null) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainData(v, depth + 1));
}

beforeEach(() => {
  recorded = [];
  Reflect.set(globalThis, "__lathePwned", undefined);
  Reflect.set(globalThis, "__latheRecord", (what: string) => void recorded.push(what));
});

afterEach(() => {
  Reflect.deleteProperty(globalThis, "__lathePwned");
  Reflect.deleteProperty(globalThis, "__latheRecord");
  for (const p of [Object.prototype, Array.prototype, String.prototype, Function.prototype]) Reflect.deleteProperty(p, "__latheProbe");
});

describe("the expression-escape corpus", () => {
  it("holds at least 30 escapes", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
  });

  for (const escape of corpus) {
    it(`stops: ${escape.name}`, async () => {
      const r = evaluateTemplate(`{{ ${escape.source} }}`, state);
      const mixed = evaluateTemplate(`x {{ ${escape.source} }} y`, state, { row: { id: 1 } });
      await nextMacrotask(); // a dynamic import settles after a macrotask
      expect(Reflect.get(globalThis, "__lathePwned"), "the payload set a global").toBeUndefined();
      expect(recorded, "the payload called a global").toEqual([]);
      expect(probed(), "the payload changed a built-in prototype").toEqual([]);
      for (const result of [r, mixed]) expect(!result.ok || isPlainData(result.value), JSON.stringify(result)).toBe(true);
      if (escape.error !== undefined) {
        expect(r.ok).toBe(false);
        expect(!r.ok && r.error).toContain(escape.error);
      }
    });
  }
});
