import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp } from "../services/apps";
import { createFunction, getFunction, saveFunction } from "../services/functions";
import { DefinitionCache } from "./definition-cache";
import { loadFunctionHead } from "./function-head";

let t: ReturnType<typeof createTestDb>;
let db: Db;
beforeEach(() => {
  t = createTestDb();
  db = t.db;
});
afterEach(() => t.close());

describe("loadFunctionHead", () => {
  it("follows the current version and caches each version's definition", async () => {
    const app = await createApp(db, { name: "A" });
    const f = await createFunction(db, app.id, { name: "f" });
    const cache = new DefinitionCache();
    const v1 = await loadFunctionHead(db, cache, f.id);
    expect(v1).toMatchObject({ id: f.id, name: "f", appId: app.id, currentVersion: 1, loaded: { ok: true } });
    expect((await loadFunctionHead(db, cache, f.id))?.loaded).toBe(v1?.loaded);
    const def = (await getFunction(db, f.id)).definition;
    await saveFunction(db, f.id, { definition: { ...def, timeoutMs: 1234 }, baseVersion: 1 });
    const v2 = await loadFunctionHead(db, cache, f.id);
    expect(v2?.currentVersion).toBe(2);
    expect(v2?.loaded.ok && v2.loaded.definition.timeoutMs).toBe(1234);
  });

  it("is null for an unknown function or one of another app", async () => {
    const app = await createApp(db, { name: "A" });
    const other = await createApp(db, { name: "B" });
    const f = await createFunction(db, app.id, { name: "f" });
    const cache = new DefinitionCache();
    expect(await loadFunctionHead(db, cache, "nope")).toBeNull();
    expect(await loadFunctionHead(db, cache, f.id, other.id)).toBeNull();
  });
});
