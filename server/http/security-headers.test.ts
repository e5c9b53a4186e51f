import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, frameAncestors, isEmbeddablePath, newNonce, securityHeaders } from "./security-headers";

const base = { nonce: "bm9uY2U=", dev: false, frameAncestors: ["https://intranet.example.com"] };

/** The policy as directive → values. */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
}

describe("securityHeaders", () => {
  it("sends the policy, nosniff and same-origin referrers on a page, and no cache rule", () => {
    const h = securityHeaders({ ...base, path: "/" });
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("same-origin");
    expect(h["Cache-Control"]).toBeUndefined();
    const csp = directives(h["Content-Security-Policy"]);
    expect(csp["script-src"]).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(csp["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'self'"]);
  });

  it("never allows unsafe-eval or inline scripts in production; dev allows eval and its HMR socket", () => {
    const prod = contentSecurityPolicy({ ...base, path: "/apps/a1" });
    expect(prod).not.toContain("unsafe-eval");
    expect(directives(prod)["script-src"]).not.toContain("'unsafe-inline'");
    const dev = directives(contentSecurityPolicy({ ...base, path: "/", dev: true }));
    expect(dev["script-src"]).toContain("'unsafe-eval'");
    expect(dev["connect-src"]).toContain("ws:");
  });

  it("answers every /api path with no-store", () => {
    for (const path of ["/api/fn", "/api/apps", "/api/auth/sign-in/email", "/api"]) {
      expect(securityHeaders({ ...base, path })["Cache-Control"]).toBe("no-store");
    }
    expect(securityHeaders({ ...base, path: "/apiary" })["Cache-Control"]).toBeUndefined();
  });

  it("lets the configured origins frame only an app's user view", () => {
    expect(directives(contentSecurityPolicy({ ...base, path: "/apps/a1" }))["frame-ancestors"]).toEqual(["'self'", "https://intranet.example.com"]);
    for (const path of ["/apps/a1/edit", "/admin/people", "/", "/resources", "/apps", "/sign-in"]) {
      expect(directives(contentSecurityPolicy({ ...base, path }))["frame-ancestors"], path).toEqual(["'self'"]);
    }
    expect(isEmbeddablePath("/apps/a1/")).toBe(true);
  });

  it("makes a different nonce for every request", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(Buffer.from(newNonce(), "base64")).toHaveLength(16);
  });
});

describe("frameAncestors (LATHE_FRAME_ANCESTORS)", () => {
  it("reads space-separated origins; none when unset", () => {
    expect(frameAncestors(undefined)).toEqual([]);
    expect(frameAncestors("  https://a.example.com   http://127.0.0.1:8080 ")).toEqual(["https://a.example.com", "http://127.0.0.1:8080"]);
  });

  it("refuses anything that is not a bare http(s) origin, naming it", () => {
    for (const bad of ["*", "a.example.com", "https://a.example.com/path", "javascript:alert(1)", "'none'", "https://a.example.com;script-src"]) {
      expect(() => frameAncestors(bad), bad).toThrow(/LATHE_FRAME_ANCESTORS/);
    }
  });

  it("never hands out the same nonce twice, across refills of its pool of random bytes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const n = newNonce();
      expect(Buffer.from(n, "base64")).toHaveLength(16);
      seen.add(n);
    }
    expect(seen.size).toBe(1000);
  });
});
