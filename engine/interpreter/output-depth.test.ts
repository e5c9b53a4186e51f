import { describe, expect, it } from "vitest";
import { jsonDeeperThan, MAX_OUTPUT_DEPTH } from "./output-depth";

const nested = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("jsonDeeperThan", () => {
  it("counts the nesting of arrays and objects up to the limit", () => {
    expect(jsonDeeperThan(nested(MAX_OUTPUT_DEPTH))).toBe(false);
    expect(jsonDeeperThan(nested(MAX_OUTPUT_DEPTH + 1))).toBe(true);
    expect(jsonDeeperThan(JSON.stringify({ a: { b: { c: [1] } } }), 3)).toBe(true);
    expect(jsonDeeperThan(JSON.stringify({ a: { b: { c: 1 } } }), 3)).toBe(false);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ s: "[".repeat(1000), t: 'say \\"[[[\\" "{{{', u: "\\" });
    expect(jsonDeeperThan(text, 2)).toBe(false);
    expect(jsonDeeperThan(JSON.stringify(["\\", [[1]]]), 2)).toBe(true);
  });

  it("does not scan text too short to be that deep", () => {
    expect(jsonDeeperThan("[[[]]]", 3)).toBe(false);
  });
});
