import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { EngineError } from "@/engine/errors";
import type { LoadedResource } from "@/engine/resources";
import { openDb, type Db } from "../db/client";
import { createResource, settingsForTest, updateResource, type ResourceDeps } from "../services/resources";
import { DEMO_RESOURCE_NAME, seedDemoOnce } from "../services/seed";
import { loadResource } from "../storage/resources";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { runSqlite } from "./sqlite";
import { compiledRefusal, tokenRefusal } from "./sqlite-guard";
import { testConnection } from "./test-connection";
import { context, query, rejection, resource } from "./test-support/resources";

/**
 * Issue 12, hole 3: a SQLite resource reached any file the server could, Lathe's own database
 * included. Every attack runs on real files: a migrated lathe.db with a resource whose secret
 * is encrypted in it, the seeded demo database, a writable and a read-only resource.
 */

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "lathe-sqlite-attack-")));
const dataDir = path.join(root, "data");
const sqliteDir = path.join(dataDir, "sqlite");
const lathe = path.join(dataDir, "lathe.db");
const outside = path.join(root, "outside");
const scratch = path.join(sqliteDir, "scratch.db");
const SECRET = "crm-token-6c1f9e2a77d04b3b";
const saved = { ...process.env };

let db: Db;
let deps: ResourceDeps;
let crmId: string;
let demoId: string;
const clients = new ResourceClients();
const local = new Map<string, LoadedResource>();
const port = createResourcePort({ get: async (id) => local.get(id) ?? loadResource(deps, id) }, clients);
const sql = (resourceId: string, statement: string, more: Record<string, unknown> = {}) => query({ kind: "sql", resourceId, statement, ...more });
const run = (resourceId: string, statement: string, values: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
  port.execute(resourceId, sql(resourceId, statement, more), context(values));
function sqlite(id: string, config: Record<string, unknown>): string {
  local.set(id, resource(id, { kind: "sqlite", config, secrets: {} }));
  return id;
}
async function crmRow() {
  return db.resource.findUniqueOrThrow({ where: { id: crmId } });
}
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; field?: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof EngineError) return { code: err.code, message: err.message, field: err.field };
    throw err;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(outside, { recursive: true });
  fs.copyFileSync(inject("templateDb"), lathe);
  fs.writeFileSync(path.join(dataDir, "secret.key"), "not the real key\n");
  process.env.LATHE_DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${lathe}`;
  delete process.env.LATHE_SQLITE_DIR;
  db = openDb(`file:${lathe}`);
  deps = { db, key: crypto.randomBytes(32), invalidate: (id) => void clients.invalidate(id) };
  expect(await seedDemoOnce(db, { dataDir })).toBe("seeded");
  demoId = (await db.resource.findFirstOrThrow({ where: { name: DEMO_RESOURCE_NAME } })).id;
  crmId = (await createResource(deps, { name: "crm", kind: "rest", config: { baseUrl: "https://crm.example/api", auth: { type: "bearer" } }, secrets: { token: SECRET } })).id;
  fs.mkdirSync(sqliteDir, { recursive: true });
  const s = new Database(scratch);
  s.exec("create table notes (id integer primary key, body text); insert into notes (body) values ('one'), ('two')");
  s.close();
  sqlite("scratch", { path: scratch });
  sqlite("ro", { path: scratch, readOnly: true });
});

afterAll(async () => {
  await clients.closeAll();
  await db.$disconnect();
  process.env = saved;
  fs.rmSync(root, { recursive: true, force: true });
});

describe("ATTACH of Lathe's own database", () => {
  it("through the seeded demo resource, cannot read the stored secrets", async () => {
    const attach = await rejection(run(demoId, `attach '${lathe}' as lathe`));
    expect(attach).toMatchObject({ code: "SQL_REFUSED", message: expect.stringMatching(/ATTACH/) });
    const read = await rejection(run(demoId, "select id, name, secrets from lathe.Resource"));
    expect(read.code).not.toBe(undefined);
    expect(JSON.stringify(read)).not.toContain((await crmRow()).secrets ?? "(none)");
    expect((await run(demoId, "select name from pragma_database_list order by seq")).data).toEqual([{ name: "main" }]);
  });

  it("through a writable resource, cannot rewrite a resource's address", async () => {
    const before = await crmRow();
    await rejection(run("scratch", `attach '${lathe}' as lathe`));
    await rejection(run("scratch", `update lathe.Resource set config = json_set(config, '$.baseUrl', 'https://evil.example') where name = 'crm'`));
    const after = await crmRow();
    expect(after.config).toBe(before.config);
    expect(JSON.parse(after.config).baseUrl).toBe("https://crm.example/api");
  });

  it("is refused however it is written", async () => {
    const variants = [
      `AtTaCh DATABASE '${lathe}' AS l`,
      `/* an innocent comment */ attach '${lathe}' as l`,
      `-- a comment\n  attach '${lathe}' as l`,
      `ATTACH/**/'${lathe}'/**/AS/**/l`,
      `attach ('${lathe}') as l`,
      `attach '${lathe.slice(0, 5)}' || '${lathe.slice(5)}' as l`,
      `\tattach\n\n'${lathe}'\nas l`,
      `with x as (select 1) attach '${lathe}' as l`,
    ];
    for (const statement of variants) {
      expect(await rejection(run("scratch", statement)), statement).toMatchObject({ code: "SQL_REFUSED" });
    }
    expect(await rejection(run("scratch", "attach {{ file }} as l", { file: lathe }))).toMatchObject({ code: "SQL_REFUSED" });
    const several = await rejection(run("scratch", `select 1; attach '${lathe}' as l; select count(*) from l.Resource`, {}, { transaction: true }));
    expect(several).toMatchObject({ code: "SQL_REFUSED" });
    expect(await rejection(run("scratch", "detach database l"))).toMatchObject({ code: "SQL_REFUSED" });
    expect((await run("scratch", "select name from pragma_database_list order by seq")).data).toEqual([{ name: "main" }]);
  });
});

describe("files written through SQL", () => {
  it("refuses VACUUM INTO a file anywhere", async () => {
    const copies = [path.join(outside, "copy1.db"), path.join(outside, "copy2.db"), path.join(outside, "copy3.db")];
    expect(await rejection(run("scratch", `vacuum into '${copies[0]}'`))).toMatchObject({ code: "SQL_REFUSED", message: expect.stringMatching(/VACUUM INTO/) });
    expect(await rejection(run("scratch", `/* x */ VaCuUm main\nINTO '${copies[1]}'`))).toMatchObject({ code: "SQL_REFUSED" });
    expect(await rejection(run(demoId, "vacuum into {{ file }}", { file: copies[2] }))).toMatchObject({ code: "SQL_REFUSED" });
    for (const f of copies) expect(fs.existsSync(f), f).toBe(false);
  });

  it("refuses loading an extension", async () => {
    const so = path.join(outside, "evil.so");
    fs.writeFileSync(so, "not a library");
    for (const statement of [`select load_extension('${so}')`, `select LOAD_EXTENSION('${so}', 'init')`, `select "load_extension"('${so}')`]) {
      expect(await rejection(run("scratch", statement)), statement).toMatchObject({ code: "SQL_REFUSED" });
    }
  });

  it("refuses PRAGMAs that change files or the process", async () => {
    for (const statement of ["pragma hard_heap_limit = 1", "PRAGMA main.journal_mode = wal", "/* x */ PrAgMa busy_timeout = 600000", "pragma writable_schema = on", "pragma mmap_size = 1099511627776"]) {
      expect(await rejection(run("scratch", statement)), statement).toMatchObject({ code: "SQL_REFUSED" });
    }
    expect((await run("scratch", "pragma journal_mode")).data).toEqual([{ journal_mode: "delete" }]);
    expect((await run("scratch", "pragma table_info(notes)")).data).toHaveLength(2);
  });
});

describe("files outside the SQLite folder", () => {
  const escapes = (): Array<[string, string]> => {
    fs.symlinkSync(lathe, path.join(sqliteDir, "link.db"));
    fs.symlinkSync(dataDir, path.join(sqliteDir, "up"));
    fs.copyFileSync(scratch, path.join(outside, "other.db"));
    return [
      ["an absolute path to lathe.db", lathe],
      ["a path with ..", path.join(sqliteDir, "..", "lathe.db")],
      ["a relative path with ..", "../lathe.db"],
      ["a symlink to lathe.db", path.join(sqliteDir, "link.db")],
      ["a symlinked folder", path.join(sqliteDir, "up", "lathe.db")],
      ["a file: URI with query parameters", `file:${lathe}?mode=ro&immutable=1`],
      ["a file:// URI", `file://localhost${lathe}`],
      ["the secret key file", path.join(dataDir, "secret.key")],
      ["lathe.db's journal", `${lathe}-journal`],
      ["a database elsewhere", path.join(outside, "other.db")],
    ];
  };

  it("refuses them at run, at test and at save", async () => {
    for (const [what, p] of escapes()) {
      const id = sqlite(`esc-${what}`, { path: p });
      expect(await rejection(run(id, "select count(*) as n from Resource")), what).toMatchObject({ code: "SQLITE_PATH_REFUSED" });
      const tested = await testConnection({ kind: "sqlite", config: { path: p, readOnly: true, statementTimeoutMs: 1000 }, secrets: {} });
      expect(tested.ok, what).toBe(false);
      expect(await refusal(settingsForTest(deps, { kind: "sqlite", config: { path: p }, secrets: {} })), what).toMatchObject({ code: "SQLITE_PATH_REFUSED", field: "config.path" });
      expect(await refusal(createResource(deps, { name: `x ${what}`, kind: "sqlite", config: { path: p }, secrets: {} })), what).toMatchObject({
        code: "SQLITE_PATH_REFUSED",
        field: "config.path",
      });
      const before = await db.resource.findUniqueOrThrow({ where: { id: demoId } });
      expect(await refusal(updateResource(deps, demoId, { config: { path: p } })), what).toMatchObject({ code: "SQLITE_PATH_REFUSED" });
      expect((await db.resource.findUniqueOrThrow({ where: { id: demoId } })).config).toBe(before.config);
    }
    expect(await db.resource.count({ where: { name: { startsWith: "x " } } })).toBe(0);
  });

  it("refuses Lathe's own files even when LATHE_SQLITE_DIR is the data folder", async () => {
    process.env.LATHE_SQLITE_DIR = dataDir;
    try {
      const id = sqlite("whole-data", { path: lathe });
      expect(await rejection(run(id, "select count(*) from Resource"))).toMatchObject({ code: "SQLITE_PATH_REFUSED" });
      expect(await refusal(createResource(deps, { name: "key", kind: "sqlite", config: { path: path.join(dataDir, "secret.key") }, secrets: {} }))).toMatchObject({
        code: "SQLITE_PATH_REFUSED",
      });
      expect((await run("scratch", "select count(*) as n from notes")).data).toEqual([{ n: 2 }]);
    } finally {
      delete process.env.LATHE_SQLITE_DIR;
    }
  });
});

describe("a read-only resource", () => {
  it("refuses INSERT, UPDATE, DELETE and CREATE", async () => {
    for (const statement of ["insert into notes (body) values ('three')", "update notes set body = 'x'", "delete from notes", "create table t (x)", "drop table notes", "replace into notes (id, body) values (1, 'x')"]) {
      expect(await rejection(run("ro", statement)), statement).toMatchObject({ code: "RESOURCE_FAILED", message: expect.stringMatching(/read-only/) });
    }
    expect((await run("ro", "select body from notes order by id")).data).toEqual([{ body: "one" }, { body: "two" }]);
  });

  it("is opened read-only: a write that got past the statement check still fails in SQLite", async () => {
    const settings = local.get("ro")?.settings;
    if (settings?.kind !== "sqlite") throw new Error("fixture");
    const handle = clients.sqlite("ro", settings);
    expect(handle.readonly).toBe(true);
    const statement = { text: "insert into notes (body) values ('three')", params: [] };
    const write = { statements: [statement], rowLimit: 10, transaction: false, block: "q", timeoutMs: 1000, deadline: Date.now() + 1000, signal: new AbortController().signal };
    expect(() => runSqlite(handle, write, false)).toThrow(/read-only|readonly/i);
    expect((await run("ro", "select count(*) as n from notes")).data).toEqual([{ n: 2 }]);
  });
});

describe("each check on its own", () => {
  it("SQLite's compiled program catches what the text check would miss", () => {
    const h = new Database(":memory:");
    try {
      const target = path.join(outside, "never.db");
      expect(compiledRefusal(h, "attach ? as l", [target])).toMatch(/ATTACH/);
      expect(compiledRefusal(h, "/**/ATTACH/**/'x'/**/AS/**/l", [])).toMatch(/ATTACH/);
      expect(compiledRefusal(h, "detach l", [])).toMatch(/DETACH/);
      expect(compiledRefusal(h, "vacuum into ?", [target])).toMatch(/VACUUM INTO/);
      expect(compiledRefusal(h, "select load_extension(?)", ["x"])).toMatch(/extension/);
      expect(compiledRefusal(h, "vacuum", [])).toBe(null);
      expect(compiledRefusal(h, "explain attach 'x' as l", [])).toBe(null);
      expect(fs.existsSync(target)).toBe(false);
    } finally {
      h.close();
    }
  });

  it("the text check sees through case and comments, and not into strings, names or comments", () => {
    expect(tokenRefusal("/*x*/AtTaCh'f'as l")).toMatch(/ATTACH/);
    expect(tokenRefusal("select 1 -- attach\n")).toBe(null);
    expect(tokenRefusal("select 'attach ''x'' as y', \"attach\", [detach], `vacuum` from t /* attach */")).toBe(null);
    expect(tokenRefusal("explain pragma hard_heap_limit = 1")).toMatch(/hard_heap_limit/);
    expect(tokenRefusal('pragma "HARD_HEAP_LIMIT" = 1')).toMatch(/hard_heap_limit/);
    expect(tokenRefusal("pragma 'main'.[journal_mode] = 'wal'")).toMatch(/journal_mode/);
    expect(tokenRefusal("pragma table_info('notes')")).toBe(null);
  });
});
