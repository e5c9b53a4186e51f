import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createJsSandbox, type JsSandbox } from "@/engine/sandbox/js";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { RunWriter } from "../runtime/run-writer";
import { createApp } from "./apps";
import { createFunction, duplicateFunction, getFunction, getVersion, listVersions, restoreVersion, saveFunction } from "./functions";
import { getRun } from "./runs";
import { testRun } from "./test-run";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let appId: string;
let js: JsSandbox;
beforeAll(() => {
  js = createJsSandbox({ poolSize: 1 });
});
afterAll(() => js.close());
beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  appId = (await createApp(db, { name: "A" })).id;
});
afterEach(() => t.close());

describe("versions", () => {
  it("restores an old version as a new one and shows any version read-only", async () => {
    const f = await createFunction(db, appId, { name: "f" });
    const def = (await getFunction(db, f.id)).definition;
    await saveFunction(db, f.id, { definition: { ...def, timeoutMs: 1111 }, baseVersion: 1 });
    await saveFunction(db, f.id, { definition: { ...def, timeoutMs: 2222 }, baseVersion: 2 });
    expect((await getVersion(db, f.id, 2)).definition.timeoutMs).toBe(1111);
    const restored = await restoreVersion(db, f.id, 2, { baseVersion: 3 });
    expect(restored.currentVersion).toBe(4);
    expect((await getFunction(db, f.id)).definition.timeoutMs).toBe(1111);
    expect((await listVersions(db, f.id))[0]).toMatchObject({ version: 4, reason: "restore v2" });
  });

  it("duplicates a function under a free name in the same scope", async () => {
    const f = await createFunction(db, appId, { name: "getCustomers" });
    const def = (await getFunction(db, f.id)).definition;
    await saveFunction(db, f.id, { definition: { ...def, timeoutMs: 4321 }, baseVersion: 1 });
    const copy = await duplicateFunction(db, f.id);
    const copy2 = await duplicateFunction(db, f.id);
    expect([copy.name, copy2.name]).toEqual(["getCustomersCopy", "getCustomersCopy2"]);
    expect((await getFunction(db, copy.id)).definition.timeoutMs).toBe(4321);
  });
});

describe("test runs", () => {
  it("runs the unsaved draft with the given input and records it as a test run", async () => {
    const f = await createFunction(db, appId, { name: "f" });
    const def = (await getFunction(db, f.id)).definition;
    const draft = structuredClone(def);
    draft.params.push({ name: "who", type: "string", required: false, default: "world", description: "" });
    const code = draft.graph.blocks.find((b) => b.type === "code");
    if (code?.type === "code") code.config.source = "console.log('hi', who); return `Hello ${who}`";
    const runs = new RunWriter(db);
    const { runId, outcome } = await testRun({ db, ports: { js }, runs }, f.id, { definition: draft, input: {} });
    expect(outcome.error).toBeUndefined();
    expect(outcome).toMatchObject({ status: "ok", result: "Hello world" });
    expect(outcome.trace.map((e) => e.blockName)).toEqual(["start", "code1"]);
    await runs.flush();
    expect(await getRun(db, f.id, runId ?? "")).toMatchObject({ source: "test", functionVersion: null, output: "Hello world" });
    expect((await getFunction(db, f.id)).currentVersion).toBe(1); // testing saves nothing
  });

  it("refuses a definition that does not parse, naming the problem", async () => {
    const f = await createFunction(db, appId, { name: "f" });
    await expect(testRun({ db, ports: { js }, runs: new RunWriter(db) }, f.id, { definition: { schemaVersion: 1, graph: {} } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });
});
