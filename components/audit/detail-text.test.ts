import { describe, expect, it } from "vitest";
import { detailText } from "./detail-text";

describe("detailText", () => {
  it("puts a detail on one line, lists joined by commas", () => {
    expect(detailText({ name: "getOrders", version: 3, changed: ["config.url", "secrets.password"], pageId: null })).toBe(
      "name=getOrders version=3 changed=config.url,secrets.password pageId=–",
    );
    expect(detailText({})).toBe("");
  });

  it("cuts a long detail with an ellipsis", () => {
    const text = detailText({ name: "x".repeat(300) }, 20);
    expect(text).toHaveLength(20);
    expect(text.endsWith("…")).toBe(true);
  });
});
