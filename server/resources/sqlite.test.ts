import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { SEVERAL_STATEMENTS } from "./sql-run";
import { runSqlite } from "./sqlite";
import { testConnection } from "./test-connection";
import { context, lookupOf, query, rejection, resource } from "./test-support/resources";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-sqlite-"));
// SQLite resources open files only in the SQLite folder (sqlite-path.ts): this test's is `dir`.
const savedSqliteDir = process.env.LATHE_SQLITE_DIR;
process.env.LATHE_SQLITE_DIR = dir;
const file = path.join(dir, "shop.db");
const clients = new ResourceClients();
const lookup = lookupOf(
  resource("db", { kind: "sqlite", config: { path: file }, secrets: {} }),
  resource("ro", { kind: "sqlite", config: { path: file, readOnly: true }, secrets: {} }),
  resource("quick", { kind: "sqlite", config: { path: file, statementTimeoutMs: 100 }, secrets: {} }),
  resource("missing", { kind: "sqlite", config: { path: path.join(dir, "nope.db") }, secrets: {} }),
);
const port = createResourcePort(lookup, clients);
const sql = (statement: string, more: Record<string, unknown> = {}, resourceId = "db") => query({ kind: "sql", resourceId, statement, ...more });
function read(statement: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(statement).get();
  } finally {
    db.close();
  }
}
const count = () => read("select count(*) as n from customers");

beforeAll(() => {
  const db = new Database(file);
  db.exec("create table customers (id integer primary key, name text not null, meta text, big integer, photo blob)");
  db.close();
});
beforeEach(() => {
  const db = new Database(file);
  db.exec("delete from customers; insert into customers (id, name) values (1, 'Ada'), (2, 'Grace'), (3, 'Linus')");
  db.close();
});
afterAll(async () => {
  await clients.closeAll();
  if (savedSqliteDir === undefined) delete process.env.LATHE_SQLITE_DIR;
  else process.env.LATHE_SQLITE_DIR = savedSqliteDir;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("SQLite resource", () => {
  it("returns rows as objects, binding every template in one evaluate call", async () => {
    const ctx = context({ min: 1, name: "Grace" });
    const r = await port.execute("db", sql("select id, name from customers where id > {{ min }} and name <> {{ name }} order by id"), ctx);
    expect(r.data).toEqual([{ id: 3, name: "Linus" }]);
    expect(r.metadata).toMatchObject({ rowCount: 1, truncated: false, fields: [{ name: "id", type: "INTEGER" }, { name: "name", type: "TEXT" }] });
    expect(ctx.calls).toEqual([["min", "name"]]);
  });

  it("makes SQL injection through a parameter impossible", async () => {
    const r = await port.execute("db", sql("select * from customers where name = {{ name }}"), context({ name: "x' OR '1'='1" }));
    expect(r.data).toEqual([]);
    await port.execute("db", sql("select * from customers where name = {{ name }}"), context({ name: "'; DROP TABLE customers; --" }));
    expect(count()).toEqual({ n: 3 });
  });

  it("refuses a template written inside quotes", async () => {
    const e = await rejection(port.execute("db", sql("select * from customers where name = '{{ name }}'"), context({ name: "Ada" })));
    expect(e.message).toMatch(/inside a quoted SQL string/);
  });

  it("stops at the row limit and says the data was cut", async () => {
    const r = await port.execute("db", sql("select id from customers order by id", { rowLimit: 2 }), context());
    expect(r).toMatchObject({ data: [{ id: 1 }, { id: 2 }], metadata: { rowCount: 2, truncated: true } });
  });

  it("runs writes, giving changes and the last row id", async () => {
    const r = await port.execute("db", sql("insert into customers (name, meta, big, photo) values ({{ name }}, {{ meta }}, {{ big }}, x'0102')"), context({ name: "Bob", meta: { vip: true }, big: 9 }));
    expect(r).toEqual({ data: [], metadata: { rowCount: 0, changes: 1, lastInsertRowid: 4, truncated: false } });
    const back = await port.execute("db", sql("select json_extract(meta, '$.vip') as vip, typeof(big) as t, photo from customers where id = 4"), context());
    expect(back.data).toEqual([{ vip: 1, t: "integer", photo: "AQI=" }]);
    const returning = await port.execute("db", sql("update customers set big = 9007199254740993 where id < 3 returning id, big", { rowLimit: 1 }), context());
    expect(returning).toMatchObject({ data: [{ id: 1, big: "9007199254740993" }], metadata: { truncated: true } });
    expect(read("select count(*) as n from customers where big is not null")).toEqual({ n: 3 });
  });

  it("refuses several statements unless the query runs them in a transaction", async () => {
    const two = "insert into customers (name) values ({{ a }}); insert into customers (name) values ({{ b }})";
    expect((await rejection(port.execute("db", sql(two), context({ a: "A", b: "B" })))).message).toBe(SEVERAL_STATEMENTS);
    expect(count()).toEqual({ n: 3 });
    const r = await port.execute("db", sql(`${two}; select count(*) as n from customers`, { transaction: true }), context({ a: "A", b: "B" }));
    expect(r.data).toEqual([{ n: 5 }]);
  });

  it("gives the same refusal when SQLite notices several statements itself", async () => {
    const settings = (await lookup.get("db"))?.settings;
    if (settings?.kind !== "sqlite") throw new Error("fixture");
    const run = { statements: [{ text: "select 1; select 2", params: [] }], rowLimit: 10, transaction: false, block: "q", timeoutMs: 1000, deadline: Date.now() + 1000, signal: new AbortController().signal };
    expect(() => runSqlite(clients.sqlite("db", settings), run, false)).toThrow(SEVERAL_STATEMENTS);
  });

  it("rolls a failing transaction back whole", async () => {
    const e = await rejection(port.execute("db", sql("insert into customers (name) values ('A'); insert into customers (name) values (null)", { transaction: true }), context()));
    expect(e).toMatchObject({ code: "RESOURCE_FAILED", message: expect.stringMatching(/NOT NULL constraint failed/) });
    expect(count()).toEqual({ n: 3 });
  });

  it("refuses writes on a read-only resource", async () => {
    const e = await rejection(port.execute("ro", sql("delete from customers", {}, "ro"), context()));
    expect(e.message).toMatch(/read-only and this statement writes/);
    expect(count()).toEqual({ n: 3 });
    expect((await port.execute("ro", sql("select count(*) as n from customers", {}, "ro"), context())).data).toEqual([{ n: 3 }]);
  });

  it("stops a long read at the statement timeout", async () => {
    const endless = "with recursive c(x) as (select 1 union all select x + 1 from c) select x from c";
    const started = Date.now();
    const e = await rejection(port.execute("quick", sql(endless, { rowLimit: 1_000_000 }, "quick"), context()));
    expect(e).toMatchObject({ code: "BLOCK_TIMEOUT", message: '"q" timed out after 100 ms (the resource\'s statement timeout)' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a missing file without creating it", async () => {
    const e = await rejection(port.execute("missing", sql("select 1", {}, "missing"), context()));
    expect(e.message).toBe(`The SQLite file ${path.join(dir, "nope.db")} does not exist`);
    expect(fs.existsSync(path.join(dir, "nope.db"))).toBe(false);
  });

  it("keeps one handle per resource until it is invalidated", async () => {
    const settings = (await lookup.get("db"))?.settings;
    if (settings?.kind !== "sqlite") throw new Error("fixture");
    const a = clients.sqlite("db", settings);
    expect(clients.sqlite("db", settings)).toBe(a);
    await clients.invalidate("db");
    expect(a.open).toBe(false);
    expect(clients.sqlite("db", settings)).not.toBe(a);
  });

  it("tests a connection by reading the schema", async () => {
    expect(await testConnection({ kind: "sqlite", config: { path: file, readOnly: false, statementTimeoutMs: 1000 }, secrets: {} })).toEqual({ ok: true, message: `Opened ${file} (1 tables)` });
    const missing = await testConnection({ kind: "sqlite", config: { path: path.join(dir, "nope.db"), readOnly: false, statementTimeoutMs: 1000 }, secrets: {} });
    expect(missing).toEqual({ ok: false, message: `The SQLite file ${path.join(dir, "nope.db")} does not exist` });
    fs.writeFileSync(path.join(dir, "text.db"), "not a database, just text that is long enough to not be a header");
    const text = await testConnection({ kind: "sqlite", config: { path: path.join(dir, "text.db"), readOnly: false, statementTimeoutMs: 1000 }, secrets: {} });
    expect(text).toMatchObject({ ok: false, message: expect.stringMatching(/not a database/) });
  });

  it("opens a path relative to the SQLite folder, and a private :memory: database", async () => {
    lookup.set(resource("relative", { kind: "sqlite", config: { path: "shop.db", readOnly: true }, secrets: {} }));
    expect((await port.execute("relative", sql("select count(*) as n from customers", {}, "relative"), context())).data).toEqual([{ n: 3 }]);
    lookup.set(resource("memory", { kind: "sqlite", config: { path: ":memory:" }, secrets: {} }));
    expect((await port.execute("memory", sql("select 1 + 1 as two", {}, "memory"), context())).data).toEqual([{ two: 2 }]);
    lookup.set(resource("memory-ro", { kind: "sqlite", config: { path: ":memory:", readOnly: true }, secrets: {} }));
    const e = await rejection(port.execute("memory-ro", sql("create table t (x)", {}, "memory-ro"), context()));
    expect(e.message).toMatch(/read-only/);
  });
});
