import { describe, expect, it } from "vitest";
import { resolveRestUrl } from "./rest-url";

const base = "http://127.0.0.1:9/api/v1";

describe("resolveRestUrl", () => {
  it.each([
    ["/customers/7", "http://127.0.0.1:9/api/v1/customers/7"],
    ["customers/7", "http://127.0.0.1:9/api/v1/customers/7"],
    ["", "http://127.0.0.1:9/api/v1"],
    ["/", "http://127.0.0.1:9/api/v1"],
    ["/customers?id=7&x=a b", "http://127.0.0.1:9/api/v1/customers?id=7&x=a%20b"],
    ["/a/../b", "http://127.0.0.1:9/api/v1/b"],
    ["/groups/a%2Fb", "http://127.0.0.1:9/api/v1/groups/a%2Fb"],
    ["/@evil.test/x", "http://127.0.0.1:9/api/v1/@evil.test/x"],
    ["/x:y", "http://127.0.0.1:9/api/v1/x:y"],
  ])("joins %j under the base URL", (path, expected) => {
    expect(resolveRestUrl(base, path).href).toBe(expected);
  });

  it("keeps the base URL's own query", () => {
    expect(resolveRestUrl("https://x.test/v1?tenant=a", "/items?b=2").href).toBe("https://x.test/v1/items?tenant=a&b=2");
  });

  it.each([
    ["http://evil.test/x", /full URL/],
    ["HTTPS://evil.test", /full URL/],
    ["//evil.test/x", /starts with \/\//],
    ["\\\\evil.test\\x", /backslash/],
    ["/..\\admin", /backslash/],
    ["../admin", /climbs above/],
    ["/../../admin", /climbs above/],
    ["customers/../../admin", /climbs above/],
    ["%2e%2e/admin", /climbs above/],
    [".%2E/admin", /climbs above/],
    ["..%2fadmin", /encoded dot segment/],
    ["x/%2E%2E%2F%2E%2E%2Fadmin", /encoded dot segment/],
    ["/x\r\nHost: evil", /control characters/],
  ])("refuses %j", (path, message) => {
    expect(() => resolveRestUrl(base, path)).toThrow(message);
  });

  it("does not let /api admit /apix", () => {
    expect(() => resolveRestUrl("http://h.test/api", "../apix")).toThrow(/climbs above/);
  });

  it("refuses credentials in the base URL", () => {
    expect(() => resolveRestUrl("http://u:p@h.test/", "/x")).toThrow(/user name or password/);
  });
});
