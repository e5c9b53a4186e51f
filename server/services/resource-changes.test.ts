import { describe, expect, it } from "vitest";
import type { ResourceView } from "@/engine/contract/resources";
import { resourceChanges } from "./resource-changes";

const before: ResourceView = {
  id: "r1",
  name: "Billing",
  kind: "rest",
  config: { baseUrl: "https://a.example/v1", headers: { "X-Team": "ops" }, timeoutMs: 5000 },
  secretsSet: { token: true },
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("resourceChanges", () => {
  it("names the changed fields, never their values", () => {
    const after = { ...before, name: "Billing v2", config: { baseUrl: "https://a.example/v2", headers: { "X-Team": "ops" }, retries: 2 } };
    const changed = resourceChanges(before, after, { token: "s3cr3t-value", apiKey: "other-value" });
    expect(changed).toEqual(["name", "config.baseUrl", "config.retries", "config.timeoutMs", "secrets.apiKey", "secrets.token"]);
    expect(JSON.stringify(changed)).not.toMatch(/s3cr3t|other-value|a\.example/);
  });

  it("counts a cleared secret only when one was set, and nothing when nothing changed", () => {
    expect(resourceChanges(before, before, { token: null, password: null, user: "" })).toEqual(["secrets.token"]);
    expect(resourceChanges(before, { ...before, config: { ...before.config, headers: { "X-Team": "ops" } } }, {})).toEqual([]);
  });
});

describe("resourceChanges and secrets changed without a patch entry", () => {
  it("names a secret header set through the config and secrets dropped with a new target", () => {
    const after = { ...before, config: { ...before.config, baseUrl: "https://b.example/v1" }, secretsSet: { "header:x-api-key": true } };
    expect(resourceChanges(before, after, {})).toEqual(["config.baseUrl", "secrets.header:x-api-key", "secrets.token"]);
  });
});
