import { describe, expect, it } from "vitest";
import { checkOutput, PREVIEW_CHARS } from "./check-output";

describe("checkOutput", () => {
  it("accepts JSON, Dates (as strings) and undefined array items; top-level undefined is null", () => {
    expect(checkOutput({ a: [1, undefined], d: new Date(0) }, "b", 1 << 20, false).json).toBe('{"a":[1,null],"d":"1970-01-01T00:00:00.000Z"}');
    expect(checkOutput(undefined, "b", 1 << 20, false).json).toBe("null");
  });

  it("refuses what JSON would drop or change", () => {
    for (const bad of [{ f: () => 1 }, { n: NaN }, { u: undefined }, { m: new Map() }, [1n], { s: Symbol("x") }]) {
      expect(() => checkOutput(bad, "b", 1 << 20, false)).toThrow(expect.objectContaining({ code: "OUTPUT_NOT_JSON", block: "b" }));
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => checkOutput(cyclic, "b", 1 << 20, false)).toThrow(expect.objectContaining({ code: "OUTPUT_NOT_JSON" }));
  });

  it("counts bytes, not characters, against the limit and caps the preview", () => {
    expect(() => checkOutput("é".repeat(600), "b", 1024, true)).toThrow(expect.objectContaining({ code: "OUTPUT_TOO_LARGE" }));
    const { preview } = checkOutput("x".repeat(PREVIEW_CHARS * 2), "b", 1 << 20, true);
    expect(preview).toMatchObject({ truncated: true, size: PREVIEW_CHARS * 2 + 2 });
    expect(preview.json).toHaveLength(PREVIEW_CHARS);
  });
});
