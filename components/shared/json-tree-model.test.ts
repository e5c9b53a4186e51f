import { describe, expect, it } from "vitest";
import { childCount, childEntries, kindOf, primitiveText, summary } from "./json-tree-model";

describe("json tree model", () => {
  it("classifies values", () => {
    expect([null, [], {}, "s", 1, true, undefined].map(kindOf)).toEqual(["null", "array", "object", "string", "number", "boolean", "other"]);
  });

  it("pages children without walking the whole value", () => {
    const big = Array.from({ length: 10_000 }, (_, i) => i);
    expect(childEntries(big, 3)).toEqual([["0", 0], ["1", 1], ["2", 2]]);
    expect(childEntries({ a: 1, b: 2, c: 3 }, 2)).toEqual([["a", 1], ["b", 2]]);
    expect(childCount(big)).toBe(10_000);
  });

  it("summarises containers", () => {
    expect(summary([1])).toBe("1 item");
    expect(summary([])).toBe("0 items");
    expect(summary({ a: 1, b: 2 })).toBe("2 keys");
  });

  it("quotes and escapes strings", () => {
    expect(primitiveText('a"b\n')).toBe('"a\\"b\\n"');
    expect(primitiveText(null)).toBe("null");
    expect(primitiveText(1.5)).toBe("1.5");
  });
});
