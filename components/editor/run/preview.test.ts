import { describe, expect, it } from "vitest";
import { parsePreview } from "./preview";

describe("parsePreview", () => {
  it("parses a whole preview", () => {
    expect(parsePreview({ json: '{"a":[1,2]}', size: 11, truncated: false })).toEqual({ kind: "json", value: { a: [1, 2] }, size: 11 });
    expect(parsePreview({ json: "null", size: 4, truncated: false })).toEqual({ kind: "json", value: null, size: 4 });
  });

  it("keeps a truncated preview as text", () => {
    expect(parsePreview({ json: '{"a":[1,2', size: 90000, truncated: true })).toEqual({
      kind: "text",
      text: '{"a":[1,2',
      size: 90000,
      truncated: true,
    });
  });

  it("falls back to text when the JSON does not parse", () => {
    expect(parsePreview({ json: "{oops", size: 5, truncated: false })).toMatchObject({ kind: "text", truncated: false });
  });
});
