import { describe, expect, it } from "vitest";
import { authConfig, isRole, parseRoleMap } from "./config";

const SSO = { LATHE_OIDC_ISSUER: "https://id.example.com/realms/x/", LATHE_OIDC_CLIENT_ID: "lathe", LATHE_OIDC_CLIENT_SECRET: "s3cret" };

describe("authConfig", () => {
  it("defaults: loopback address, password sign-in on, no SSO, 7 days idle, 30 days absolute", () => {
    const c = authConfig({ PORT: "4000" });
    expect(c.baseURL).toBe("http://localhost:4000");
    expect(c.secure).toBe(false);
    expect(c.passwordSignIn).toBe(true);
    expect(c.oidc).toBeNull();
    expect(c.idleSeconds).toBe(7 * 24 * 3600);
    expect(c.maxAgeSeconds).toBe(30 * 24 * 3600);
    expect(c.trustedOrigins).toEqual(expect.arrayContaining(["http://localhost:4000", "http://127.0.0.1:4000"]));
  });

  it("cookies are Secure when the public URL is https, not when it is http", () => {
    expect(authConfig({ LATHE_PUBLIC_URL: "https://lathe.example.com/" })).toMatchObject({ baseURL: "https://lathe.example.com", secure: true });
    expect(authConfig({ LATHE_PUBLIC_URL: "http://lathe.internal:8080" }).secure).toBe(false);
    expect(authConfig({ LATHE_PUBLIC_URL: "https://lathe.example.com" }).trustedOrigins).toContain("https://lathe.example.com");
  });

  it("session lifetimes come in hours; a bad number is a clear error", () => {
    expect(authConfig({ LATHE_SESSION_IDLE_HOURS: "1.5", LATHE_SESSION_MAX_HOURS: "12" })).toMatchObject({ idleSeconds: 5400, maxAgeSeconds: 43200 });
    expect(() => authConfig({ LATHE_SESSION_IDLE_HOURS: "soon" })).toThrow('LATHE_SESSION_IDLE_HOURS must be a positive number of hours, got "soon"');
    expect(() => authConfig({ LATHE_SESSION_MAX_HOURS: "-1" })).toThrow(/LATHE_SESSION_MAX_HOURS must be a positive number/);
  });

  it("a public URL that is not http(s) is refused", () => {
    expect(() => authConfig({ LATHE_PUBLIC_URL: "lathe.example.com" })).toThrow(/LATHE_PUBLIC_URL must be an http\(s\) address/);
    expect(() => authConfig({ LATHE_PUBLIC_URL: "ftp://lathe.example.com" })).toThrow(/LATHE_PUBLIC_URL/);
  });

  it("reads single sign-on from LATHE_OIDC_*", () => {
    const c = authConfig({ ...SSO, LATHE_OIDC_ROLE_MAP: "lathe-admins=admin, lathe-editors=editor", LATHE_OIDC_GROUPS_CLAIM: "roles", LATHE_OIDC_LABEL: "Acme ID" });
    expect(c.oidc).toMatchObject({
      issuer: "https://id.example.com/realms/x",
      clientId: "lathe",
      clientSecret: "s3cret",
      groupsClaim: "roles",
      defaultRole: "user",
      label: "Acme ID",
      scopes: ["openid", "email", "profile"],
    });
    expect([...(c.oidc?.roleMap ?? [])]).toEqual([
      ["lathe-admins", "admin"],
      ["lathe-editors", "editor"],
    ]);
  });

  it("defaults for SSO: groups claim, label, scopes; LATHE_OIDC_SCOPES replaces the scopes and keeps openid", () => {
    const c = authConfig(SSO);
    expect(c.oidc).toMatchObject({ groupsClaim: "groups", label: "single sign-on", scopes: ["openid", "email", "profile"] });
    expect(authConfig({ ...SSO, LATHE_OIDC_SCOPES: "email profile groups" }).oidc?.scopes).toEqual(["openid", "email", "profile", "groups"]);
  });

  it("SSO without client id or secret, a bad issuer or a bad default role is a clear error", () => {
    expect(() => authConfig({ LATHE_OIDC_ISSUER: SSO.LATHE_OIDC_ISSUER })).toThrow(/set LATHE_OIDC_CLIENT_ID and LATHE_OIDC_CLIENT_SECRET/);
    expect(() => authConfig({ ...SSO, LATHE_OIDC_ISSUER: "id.example.com" })).toThrow(/LATHE_OIDC_ISSUER must be the provider's http\(s\) address/);
    expect(() => authConfig({ ...SSO, LATHE_OIDC_DEFAULT_ROLE: "owner" })).toThrow('LATHE_OIDC_DEFAULT_ROLE must be admin, editor or user, got "owner"');
    expect(authConfig({ ...SSO, LATHE_OIDC_DEFAULT_ROLE: "editor" }).oidc?.defaultRole).toBe("editor");
  });

  it("password sign-in can be turned off only when SSO is on; other values are errors", () => {
    expect(authConfig({ ...SSO, LATHE_PASSWORD_SIGNIN: "off" }).passwordSignIn).toBe(false);
    expect(authConfig({ ...SSO, LATHE_PASSWORD_SIGNIN: "false" }).passwordSignIn).toBe(false);
    expect(authConfig({ LATHE_PASSWORD_SIGNIN: "on" }).passwordSignIn).toBe(true);
    expect(() => authConfig({ LATHE_PASSWORD_SIGNIN: "off" })).toThrow(/needs single sign-on \(LATHE_OIDC_ISSUER\): no one could sign in/);
    expect(() => authConfig({ ...SSO, LATHE_PASSWORD_SIGNIN: "disabled" })).toThrow('LATHE_PASSWORD_SIGNIN must be on or off, got "disabled"');
  });
});

describe("parseRoleMap", () => {
  it("reads group=role pairs; empty is no mapping; a group name may hold '='", () => {
    expect(parseRoleMap(undefined).size).toBe(0);
    expect(parseRoleMap(" , ").size).toBe(0);
    expect([...parseRoleMap("team=ops=admin")]).toEqual([["team=ops", "admin"]]);
    expect([...parseRoleMap("a=user,b=editor")]).toEqual([
      ["a", "user"],
      ["b", "editor"],
    ]);
  });

  it("a pair that is not group=role, an unknown role, or a group mapped twice is a clear error", () => {
    expect(() => parseRoleMap("lathe-editors")).toThrow('LATHE_OIDC_ROLE_MAP: "lathe-editors" is not group=role (role is admin, editor or user)');
    expect(() => parseRoleMap("=editor")).toThrow(/"=editor" is not group=role/);
    expect(() => parseRoleMap("ops=owner")).toThrow(/"ops=owner" is not group=role/);
    expect(() => parseRoleMap("ops=editor,ops=admin")).toThrow('LATHE_OIDC_ROLE_MAP: the group "ops" is mapped to both editor and admin');
  });
});

it("isRole knows the three roles", () => {
  expect(["admin", "editor", "user"].every(isRole)).toBe(true);
  expect(isRole("owner")).toBe(false);
  expect(isRole(undefined)).toBe(false);
});
