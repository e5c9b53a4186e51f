import crypto from "node:crypto";
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import { createApp } from "./apps";
import { createFunction, getFunction, saveFunction } from "./functions";
import {
  createResource,
  deleteResource,
  getResource,
  listResources,
  loadResource,
  settingsForTest,
  updateResource,
  type ResourceDeps,
} from "./resources";
import { rejection } from "./test-support/rejection";

let t: ReturnType<typeof createTestDb>;
let deps: ResourceDeps;
let invalidated: string[];
const TOKEN = "tok-3f9a1c-super-secret";

beforeEach(() => {
  t = createTestDb();
  invalidated = [];
  deps = { db: t.db, key: crypto.randomBytes(32), invalidate: (id) => invalidated.push(id) };
});
afterEach(() => t.close());

const rest = { name: "Billing API", kind: "rest", config: { baseUrl: "https://billing.example.com/v1", auth: { type: "bearer" } }, secrets: { token: TOKEN } };

describe("resources", () => {
  it("stores secrets encrypted and never hands them to clients", async () => {
    const r = await createResource(deps, rest);
    expect(r.secretsSet).toEqual({ token: true });
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    expect(JSON.stringify(await listResources(deps))).not.toContain(TOKEN);
    expect(JSON.stringify(await getResource(deps, r.id))).not.toContain(TOKEN);
    const row = await t.db.resource.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.secrets).toMatch(/^v1:/);
    expect(fs.readFileSync(t.file).includes(Buffer.from(TOKEN))).toBe(false);
    const loaded = await loadResource(deps, r.id);
    expect(loaded?.settings).toMatchObject({ kind: "rest", secrets: { token: TOKEN } });
  });

  it("keeps, replaces or clears a secret as the form says, and invalidates clients", async () => {
    const r = await createResource(deps, rest);
    // Issue 12: a change that keeps the secrets' target keeps them (another base URL would not).
    await updateResource(deps, r.id, { config: { ...rest.config, timeoutMs: 5_000 } });
    expect((await loadResource(deps, r.id))?.settings.secrets).toEqual({ token: TOKEN });
    await updateResource(deps, r.id, { secrets: { token: "new-token" } });
    expect((await loadResource(deps, r.id))?.settings.secrets).toEqual({ token: "new-token" });
    const cleared = await updateResource(deps, r.id, { secrets: { token: null } });
    expect(cleared.secretsSet).toEqual({});
    expect(invalidated).toEqual([r.id, r.id, r.id]);
  });

  it("validates settings per kind and names", async () => {
    expect((await rejection(createResource(deps, { ...rest, config: { baseUrl: "ftp://x" } }))).message).toMatch(/http/);
    expect((await rejection(createResource(deps, { name: "pg", kind: "postgres", config: { port: 99999 } }))).code).toBe("VALIDATION");
    expect((await rejection(createResource(deps, { ...rest, kind: "mongo" }))).code).toBe("VALIDATION");
    await createResource(deps, rest);
    expect((await rejection(createResource(deps, rest))).code).toBe("CONFLICT");
  });

  it("refuses to delete a resource while functions use it, naming them", async () => {
    const r = await createResource(deps, rest);
    const app = await createApp(t.db, { name: "Support" });
    const f = await createFunction(t.db, app.id, { name: "getInvoices" });
    const def = (await getFunction(t.db, f.id)).definition;
    def.graph.blocks.push({
      id: "q",
      name: "invoices",
      type: "query",
      config: { kind: "rest", resourceId: r.id, method: "GET", path: "/invoices", query: [], headers: [], body: { type: "none" } },
    });
    await saveFunction(t.db, f.id, { definition: def, baseVersion: 1 });
    const refused = await rejection(deleteResource(deps, r.id));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("Support / getInvoices");
    expect(await getResource(deps, r.id)).toBeTruthy();
    def.graph.blocks.pop();
    await saveFunction(t.db, f.id, { definition: def, baseVersion: 2 });
    await deleteResource(deps, r.id);
    expect(await listResources(deps)).toEqual([]);
  });

  it("tests a form's values over the stored secrets", async () => {
    const r = await createResource(deps, rest);
    const s = await settingsForTest(deps, { id: r.id, kind: "rest", config: { ...rest.config, timeoutMs: 1_000 } });
    expect(s).toMatchObject({ config: { timeoutMs: 1_000 }, secrets: { token: TOKEN } });
    // Issue 12: another host is another target; the stored token is not carried there.
    const refused = await rejection(settingsForTest(deps, { id: r.id, kind: "rest", config: { ...rest.config, baseUrl: "http://127.0.0.1:9" } }));
    expect(refused.code).toBe("SECRETS_NEED_REENTRY");
    expect(refused.data).toEqual({ secrets: ["token"] });
  });
});
