import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/engine/contract";
import { createJsSandbox, type JsSandbox } from "@/engine/sandbox/js";
import type { Db } from "../db/client";
import { createTestDb } from "../db/test-db";
import { DefinitionCache } from "../runtime/definition-cache";
import { RunWriter } from "../runtime/run-writer";
import { appRuntime } from "./app-runtime";
import { createApp } from "./apps";
import { executeFunction } from "./execute";
import { createFunction, getFunction, saveFunction } from "./functions";
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

const bo: CurrentUser = { id: "u_bo", email: "bo@example.com", name: "Bo", role: "user", groups: ["sales"] };
const WHO = "return currentUser && `${currentUser.name} (${currentUser.role})`";

/** A new function whose code block returns who it runs for; the draft, saved as version 2. */
async function whoFunction() {
  const f = await createFunction(db, appId, { name: "who" });
  const draft = structuredClone((await getFunction(db, f.id)).definition);
  const code = draft.graph.blocks.find((b) => b.type === "code");
  if (code?.type === "code") code.config.source = WHO;
  await saveFunction(db, f.id, { definition: draft, baseVersion: 1 });
  return { id: f.id, draft };
}

describe("currentUser through the services", () => {
  it("executeFunction puts the caller in scope as currentUser, and null when none is given", async () => {
    const { id } = await whoFunction();
    const deps = { db, portsFor: () => ({ js }), definitions: new DefinitionCache(), runs: new RunWriter(db) };
    expect(await executeFunction(deps, id, {}, "api", { caller: bo })).toMatchObject({ found: true, outcome: { status: "ok", result: "Bo (user)" } });
    expect(await executeFunction(deps, id, {}, "api")).toMatchObject({ found: true, outcome: { status: "ok", result: null } });
    await deps.runs.flush();
  });

  it("testRun does the same for the editor's draft", async () => {
    const { id, draft } = await whoFunction();
    const runs = new RunWriter(db);
    expect((await testRun({ db, ports: { js }, runs }, id, { definition: draft, input: {} }, { caller: bo })).outcome).toMatchObject({ result: "Bo (user)" });
    expect((await testRun({ db, ports: { js }, runs }, id, { definition: draft, input: {} })).outcome).toMatchObject({ result: null });
    await runs.flush();
  });

  it("appRuntime hands the page the currentUser it is given, null by default", async () => {
    expect((await appRuntime(db, appId, undefined, bo)).currentUser).toEqual(bo);
    const withSecret = { ...bo, sessionToken: "secret" };
    expect((await appRuntime(db, appId, undefined, withSecret)).currentUser).toEqual(bo);
    expect((await appRuntime(db, appId)).currentUser).toBeNull();
  });
});
