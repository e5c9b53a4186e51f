import { describe, expect, it } from "vitest";
import { checkRequest, guardConfig, hostName } from "./request-guard";

const local = guardConfig({});
const site = guardConfig({ LATHE_PUBLIC_URL: "https://lathe.corp.example", LATHE_ALLOWED_HOSTS: "lathe-2.corp.example:8443, 10.0.0.7" });

describe("request guard", () => {
  it("reads host names without their port, IPv6 in brackets", () => {
    expect(hostName("Lathe.Example:3000")).toBe("lathe.example");
    expect(hostName("[::1]:3000")).toBe("[::1]");
    expect(hostName("127.0.0.1")).toBe("127.0.0.1");
  });

  it("answers the loopback names by default and nothing else (DNS rebinding)", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST"]) expect(checkRequest("GET", { host }, local)).toBeNull();
    expect(checkRequest("GET", { host: "attacker.example:3000" }, local)).toMatchObject({ code: "HOST_NOT_ALLOWED", status: 421 });
    expect(checkRequest("GET", { host: "127.0.0.1.attacker.example" }, local)).toMatchObject({ code: "HOST_NOT_ALLOWED" });
    expect(checkRequest("GET", {}, local)).toMatchObject({ code: "HOST_NOT_ALLOWED" });
  });

  it("answers the configured names and a specific bind address", () => {
    expect(checkRequest("GET", { host: "lathe.corp.example" }, site)).toBeNull();
    expect(checkRequest("GET", { host: "lathe-2.corp.example:8443" }, site)).toBeNull();
    expect(checkRequest("GET", { host: "10.0.0.7:3000" }, site)).toBeNull();
    expect(checkRequest("GET", { host: "corp.example" }, site)).toMatchObject({ code: "HOST_NOT_ALLOWED" });
    expect(checkRequest("GET", { host: "192.168.1.5:3000" }, guardConfig({ HOSTNAME_BIND: "192.168.1.5" }))).toBeNull();
    expect(checkRequest("GET", { host: "192.168.1.5:3000" }, guardConfig({ HOSTNAME_BIND: "0.0.0.0" }))).toMatchObject({ code: "HOST_NOT_ALLOWED" });
  });

  it("refuses a change another site's page sends, by Origin or Sec-Fetch-Site", () => {
    const host = "127.0.0.1:3000";
    expect(checkRequest("POST", { host, origin: "https://attacker.example" }, local)).toMatchObject({ code: "CROSS_SITE_REQUEST", status: 403 });
    expect(checkRequest("DELETE", { host, origin: "null" }, local)).toMatchObject({ code: "CROSS_SITE_REQUEST" });
    expect(checkRequest("POST", { host, origin: "http://127.0.0.1:4000" }, local)).toMatchObject({ code: "CROSS_SITE_REQUEST" });
    expect(checkRequest("PUT", { host, "sec-fetch-site": "cross-site" }, local)).toMatchObject({ code: "CROSS_SITE_REQUEST" });
    expect(checkRequest("PATCH", { host, "sec-fetch-site": "same-site", origin: `http://${host}` }, local)).toMatchObject({ code: "CROSS_SITE_REQUEST" });
  });

  it("lets the site's own pages, reads and non-browser clients through", () => {
    const host = "127.0.0.1:3000";
    expect(checkRequest("POST", { host, origin: `http://${host}`, "sec-fetch-site": "same-origin" }, local)).toBeNull();
    expect(checkRequest("GET", { host, origin: "https://attacker.example", "sec-fetch-site": "cross-site" }, local)).toBeNull();
    expect(checkRequest("POST", { host }, local)).toBeNull();
    // Behind a proxy that rewrites Host, the public URL's origin is the site's own.
    expect(checkRequest("POST", { host: "lathe.corp.example", origin: "https://lathe.corp.example" }, site)).toBeNull();
  });
});
