import { describe, expect, it } from "vitest";
import { StoredMarker } from "@/engine/contract/runs";
import { jsonDeeperThan } from "@/engine/interpreter";
import { MAX_STORED_DEPTH, cappedJson, safeStringify, walk } from "./capped-json";
import { readRunDocuments, runRow } from "./runs";

/** `{"a":{"a":…1…}}`, `levels` deep, made by JSON.parse as a call's body is. */
function nested(levels: number): unknown {
  return JSON.parse(`${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`);
}

const run = (input: unknown, result: unknown = { ok: true }) => ({
  functionId: "f",
  appId: "a",
  functionVersion: 1,
  source: "app" as const,
  input,
  status: "ok" as const,
  result,
  trace: [],
  logs: [],
  durationMs: 1,
});

// Issue 13, failure 5 (storing half): an argument nested ~5,000 levels deep (well under 1 MiB)
// made storing the run throw (stack overflow in JSON.stringify) after the function had run.
describe("storing a run never throws on what the call accepted", () => {
  it("stores a 5,000-level argument and result as the marker, readable again", () => {
    const deep = nested(5000);
    const row = runRow(run({ deep }, deep), "r1");
    const doc = readRunDocuments({ ...row, output: row.output });
    for (const stored of [doc.input, doc.output]) {
      const marker = StoredMarker.parse(stored);
      expect(marker.size).toBeGreaterThan(5000 * 5);
      expect(marker.preview.startsWith('{"deep":{"a":{"a":') || marker.preview.startsWith('{"a":{"a":')).toBe(true);
    }
  });

  it("stores 100,000 levels, cycles and BigInts without throwing", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const row = runRow(run({ deep: nested(100_000), cyclic, big: 10n }), "r2");
    expect(StoredMarker.safeParse(JSON.parse(row.input)).success).toBe(true);
    expect(JSON.parse(runRow(run({ cyclic, big: 10n }), "r3").input)).toEqual({ cyclic: { name: "loop", self: "[Circular]" }, big: "10" });
  });

  it("keeps documents up to the depth limit as they are", () => {
    const ok = nested(MAX_STORED_DEPTH - 1);
    expect(cappedJson(ok, 64 * 1024)).toBe(JSON.stringify(ok));
    expect(StoredMarker.safeParse(JSON.parse(cappedJson(nested(MAX_STORED_DEPTH + 1), 64 * 1024))).success).toBe(true);
  });
});

describe("the iterative walker", () => {
  it("writes what JSON.stringify writes", () => {
    const values: unknown[] = [
      { a: 1, b: [1, "two", null, undefined, () => 1, Symbol("s")], c: undefined, d: new Date(0), e: { f: NaN, g: -0, h: 1e21, i: "\"\\\n\u2028" } },
      [],
      {},
      "text",
      3.5,
      null,
      [[[]], {}],
    ];
    for (const v of values) expect(walk(v, Infinity)).toEqual({ text: JSON.stringify(v), size: JSON.stringify(v).length, complete: true });
  });

  it("counts past what it keeps, and stops cleanly at a throwing getter", () => {
    const w = walk({ s: "x".repeat(1000) }, 10);
    expect(w.size).toBe(JSON.stringify({ s: "x".repeat(1000) }).length);
    expect(w.text.length).toBeLessThan(w.size);
    const bad = { a: 1, get b(): number { throw new Error("no"); } };
    expect(walk(bad, Infinity).complete).toBe(false);
    expect(safeStringify(bad)).toBeNull();
    expect(StoredMarker.safeParse(JSON.parse(cappedJson(bad, 100))).success).toBe(true);
  });

  it("measures depth outside strings only", () => {
    expect(jsonDeeperThan(`"${"[".repeat(100)}"`, 3)).toBe(false);
    expect(jsonDeeperThan(`${"[".repeat(10)}${"]".repeat(10)}`, 3)).toBe(true);
    expect(jsonDeeperThan(`["\\"[[[[[[[[", 1]`, 3)).toBe(false);
  });
});
