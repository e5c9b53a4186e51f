import { describe, expect, it } from "vitest";
import { RestConfig } from "./kinds";

// A resource's default headers travel with its secrets: one that steers the connection (Host,
// Content-Length, Transfer-Encoding…) could point them elsewhere or split the request.
describe("a REST resource's default headers", () => {
  it.each(["Host", "host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade"])("refuse %s, which the HTTP client sets itself", (key) => {
    const parsed = RestConfig.safeParse({ baseUrl: "https://api.example.test", headers: [{ key, value: "evil.example" }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("This header is set by the HTTP client itself");
  });

  it("accept ordinary ones", () => {
    expect(RestConfig.safeParse({ baseUrl: "https://api.example.test", headers: [{ key: "Accept", value: "application/json" }] }).success).toBe(true);
  });
});
