import { describe, expect, it } from "vitest";
import { normaliseOptions, selectedOptionIndex } from "./select-options";

describe("normaliseOptions", () => {
  it("takes strings and numbers as label and value", () => {
    expect(normaliseOptions(["a", 2])).toEqual({
      options: [
        { label: "a", value: "a" },
        { label: "2", value: 2 },
      ],
      warning: null,
    });
  });

  it("takes { label, value } objects, the label defaulting to the value", () => {
    expect(normaliseOptions([{ label: "Active", value: "active" }, { value: 3 }, { label: 7, value: true }]).options).toEqual([
      { label: "Active", value: "active" },
      { label: "3", value: 3 },
      { label: "7", value: true },
    ]);
  });

  it("gives no options and a warning for a non-array", () => {
    expect(normaliseOptions("a,b")).toEqual({ options: [], warning: "Options should be an array, got string" });
    expect(normaliseOptions({ a: 1 })).toEqual({ options: [], warning: "Options should be an array, got object" });
  });

  it("skips other items and counts them", () => {
    const r = normaliseOptions(["a", null, { label: "x" }, [1], { value: { deep: 1 } }, Number.NaN]);
    expect(r.options).toEqual([{ label: "a", value: "a" }]);
    expect(r.warning).toBe("5 options skipped: use strings or { label, value }");
  });

  it("is quiet for a missing prop", () => {
    expect(normaliseOptions(undefined)).toEqual({ options: [], warning: null });
  });
});

describe("selectedOptionIndex", () => {
  it("finds by strict value equality", () => {
    const { options } = normaliseOptions(["1", 1]);
    expect(selectedOptionIndex(options, 1)).toBe(1);
    expect(selectedOptionIndex(options, "1")).toBe(0);
    expect(selectedOptionIndex(options, null)).toBe(-1);
  });
});
