import { describe, expect, it } from "vitest";
import { ParamDef } from "../model";
import { MAX_ARGUMENT_DEPTH, argumentsDeeperThan, paramsSchema, validateDefault, validateInput } from ".";

const p = (x: Partial<ParamDef> & Pick<ParamDef, "name" | "type">): ParamDef => ParamDef.parse(x);

describe("validateInput", () => {
  it("coerces numbers, booleans and dates and strips unknown keys", () => {
    const params = [
      p({ name: "n", type: "number" }),
      p({ name: "b", type: "boolean" }),
      p({ name: "d", type: "date" }),
      p({ name: "t", type: "date" }),
    ];
    const r = validateInput(params, { n: " 42.5 ", b: "false", d: "2024-02-29", t: "2024-01-31T12:00:00+02:00", x: 1 });
    expect(r).toEqual({
      ok: true,
      value: { n: 42.5, b: false, d: "2024-02-29T00:00:00.000Z", t: "2024-01-31T10:00:00.000Z" },
    });
  });

  it("applies defaults, coerced like inputs, and copies object defaults", () => {
    const params = [
      p({ name: "limit", type: "number", required: true, default: "10" }),
      p({ name: "tags", type: "array", default: ["a"] }),
      p({ name: "since", type: "date", default: "2024-01-01" }),
    ];
    const a = validateInput(params, {});
    expect(a).toEqual({ ok: true, value: { limit: 10, tags: ["a"], since: "2024-01-01T00:00:00.000Z" } });
    // The schema's output is Record<string, unknown>; `tags` is the array default checked above.
    if (a.ok) (a.value.tags as string[]).push("mutated");
    expect(validateInput(params, { tags: null })).toMatchObject({ ok: true, value: { tags: ["a"] } });
  });

  it("reports missing required parameters and wrong types as plain issues", () => {
    const params = [
      p({ name: "id", type: "number", required: true }),
      p({ name: "o", type: "object" }),
      p({ name: "d", type: "date" }),
      p({ name: "flag", type: "boolean" }),
    ];
    const r = validateInput(params, { o: [1], d: "2024-13-01", flag: "yes" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path[0]).sort()).toEqual(["d", "flag", "id", "o"]);
    expect(JSON.parse(JSON.stringify(r.issues))).toEqual(r.issues);
  });

  it("accepts any JSON for json, arrays for array, leaves optional absent params out", () => {
    const params = [p({ name: "j", type: "json" }), p({ name: "a", type: "array" }), p({ name: "s", type: "string" })];
    expect(validateInput(params, { j: { deep: [null, 1, "x"] }, a: [] })).toEqual({
      ok: true,
      value: { j: { deep: [null, 1, "x"] }, a: [] },
    });
    expect(validateInput(params, { s: 5 }).ok).toBe(false);
    expect(validateInput(params, "nope").ok).toBe(false);
  });

  it("refuses numeric lookalikes that are not numbers", () => {
    const params = [p({ name: "n", type: "number" })];
    for (const n of ["", "12abc", "NaN", "Infinity", "0x10"]) expect(validateInput(params, { n }).ok).toBe(false);
  });

  it("caches the schema per params array", () => {
    const params = [p({ name: "a", type: "string" })];
    expect(paramsSchema(params)).toBe(paramsSchema(params));
  });
});

describe("validateDefault", () => {
  it("says whether a default fits its type", () => {
    expect(validateDefault(p({ name: "a", type: "number", default: "3" }))).toBeNull();
    expect(validateDefault(p({ name: "a", type: "number", default: "three" }))).toMatch(/number/);
    expect(validateDefault(p({ name: "a", type: "date", default: "yesterday" }))).toMatch(/ISO/);
    expect(validateDefault(p({ name: "a", type: "object", default: [] }))).not.toBeNull();
    expect(validateDefault(p({ name: "a", type: "string" }))).toBeNull();
  });
});

describe("argument depth", () => {
  const deep = (n: number): unknown => {
    let v: unknown = 1;
    for (let i = 1; i < n; i++) v = i % 2 ? [v] : { a: v };
    return { x: v };
  };

  it("counts levels as the JSON text does, the arguments object first, without recursion", () => {
    expect(argumentsDeeperThan({}, 1)).toBe(false);
    expect(argumentsDeeperThan({ a: [1] }, 1)).toBe(true);
    expect(argumentsDeeperThan({ a: [1] }, 2)).toBe(false);
    expect(argumentsDeeperThan(deep(MAX_ARGUMENT_DEPTH))).toBe(false);
    expect(argumentsDeeperThan(deep(MAX_ARGUMENT_DEPTH + 1))).toBe(true);
    expect(argumentsDeeperThan(deep(100_000))).toBe(true);
    expect(argumentsDeeperThan("text")).toBe(false);
  });

  it("validateInput refuses deeper arguments before zod walks them", () => {
    const checked = validateInput([{ name: "x", type: "json", required: true, description: "" }], deep(100_000));
    expect(checked).toEqual({ ok: false, issues: [{ code: "too_deep", path: [], message: expect.stringMatching(/nested deeper than 256 levels/) }] });
  });
});
