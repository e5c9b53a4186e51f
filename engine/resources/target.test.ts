import { describe, expect, it } from "vitest";
import { ResourceSettings } from "./kinds";
import { looksLikeCredential } from "./secret-headers";
import { separateSecretHeaders } from "./separate-secret-headers";
import { sameTarget, secretTarget, usedSecrets } from "./target";

const rest = (baseUrl: string, auth: unknown = { type: "bearer" }) => ResourceSettings.parse({ kind: "rest", config: { baseUrl, auth }, secrets: { token: "t" } });
const pg = (config: Record<string, unknown>, secrets: Record<string, string> = { password: "p" }) =>
  ResourceSettings.parse({ kind: "postgres", config: { host: "db.example.com", port: 5432, database: "app", user: "app", ...config }, secrets });

describe("the target a resource's secrets are bound to", () => {
  it("REST: origin and path of the base URL, and the basic user", () => {
    expect(sameTarget(rest("https://api.example.com/v1"), rest("https://API.example.com:443/v1/"))).toBe(true);
    expect(sameTarget(rest("https://api.example.com/v1"), rest("https://api.example.com/v2"))).toBe(false);
    expect(sameTarget(rest("https://api.example.com/v1"), rest("http://api.example.com/v1"))).toBe(false);
    expect(sameTarget(rest("https://api.example.com/v1"), rest("https://api.example.com:8443/v1"))).toBe(false);
    expect(sameTarget(rest("https://x.org", { type: "basic", username: "a" }), rest("https://x.org", { type: "basic", username: "b" }))).toBe(false);
  });

  it("PostgreSQL: host, port, database, user and SSL mode; the connection string itself", () => {
    expect(sameTarget(pg({}), pg({ statementTimeoutMs: 1000 }))).toBe(true);
    for (const change of [{ host: "evil.example.com" }, { port: 5433 }, { database: "other" }, { user: "root" }, { sslMode: "disable" }]) {
      expect(sameTarget(pg({}), pg(change)), JSON.stringify(change)).toBe(false);
    }
    const cs = (s: string) => pg({ useConnectionString: true }, { connectionString: s, password: "p" });
    expect(sameTarget(cs("postgres://a@h/db"), cs("postgres://a@h/db"))).toBe(true);
    expect(sameTarget(cs("postgres://a@h/db"), cs("postgres://a@evil/db"))).toBe(false);
  });

  it("never across kinds", () => {
    expect(secretTarget("smtp", { host: "h", port: 25 })).not.toBe(secretTarget("postgres", { host: "h", port: 25 }));
    expect(sameTarget(pg({}), rest("https://db.example.com"))).toBe(false);
  });

  it("names the secrets a config sends", () => {
    expect(usedSecrets("rest", { auth: { type: "apiKey", in: "query", name: "k" }, headers: [{ key: "X-Token", value: "" }, { key: "Accept", value: "x" }] })).toEqual(["apiKey", "header:x-token"]);
    expect(usedSecrets("smtp", { user: "" })).toEqual([]);
    expect(usedSecrets("smtp", { user: "bot" })).toEqual(["password"]);
  });
});

describe("secret default headers", () => {
  it("are credential-looking names unless said otherwise", () => {
    for (const n of ["Authorization", "proxy-authorization", "X-Api-Key", "apikey", "X-Auth-Token", "Client-Secret", "Cookie"]) expect(looksLikeCredential(n), n).toBe(true);
    for (const n of ["Accept", "Content-Type", "User-Agent", "X-Request-Id"]) expect(looksLikeCredential(n), n).toBe(false);
  });

  it("move their values out of the config", () => {
    const s = ResourceSettings.parse({
      kind: "rest",
      config: { baseUrl: "https://x.org", headers: [{ key: "X-Api-Key", value: "k1" }, { key: "X-Tenant", value: "t", secret: true }, { key: "Cookie", value: "c", secret: false }] },
      secrets: {},
    });
    const { settings, changed } = separateSecretHeaders(s);
    expect(changed).toBe(true);
    expect(settings.config).toMatchObject({ headers: [{ key: "X-Api-Key", value: "", secret: true }, { key: "X-Tenant", value: "", secret: true }, { key: "Cookie", value: "c", secret: false }] });
    expect(settings.secrets).toEqual({ "header:x-api-key": "k1", "header:x-tenant": "t" });
    expect(separateSecretHeaders(settings).changed).toBe(false);
  });

  it("are the only extra secrets a REST resource takes", () => {
    expect(ResourceSettings.safeParse({ kind: "rest", config: { baseUrl: "https://x.org" }, secrets: { "header:x-k": "v" } }).success).toBe(true);
    expect(ResourceSettings.safeParse({ kind: "rest", config: { baseUrl: "https://x.org" }, secrets: { connectionString: "v" } }).success).toBe(false);
  });
});
