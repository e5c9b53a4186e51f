import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngineError } from "@/engine/errors";
import type { ResourceSettingsOf } from "@/engine/resources";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { runPostgres } from "./postgres";
import { SEVERAL_STATEMENTS } from "./sql-run";
import { testConnection } from "./test-connection";
import { createRoleAndDatabase, startPostgres, type TestPostgres } from "./test-support/postgres";
import { context, lookupOf, query, rejection, resource } from "./test-support/resources";

const PASSWORD = "app-Secret-pw-41";
let server: TestPostgres;
const clients = new ResourceClients();
let lookup: ReturnType<typeof lookupOf>;
const port = () => createResourcePort(lookup, clients);
const sql = (statement: string, more: Record<string, unknown> = {}, resourceId = "pg") => query({ kind: "sql", resourceId, statement, ...more });

function pgSettings(config: Record<string, unknown> = {}, secrets: Record<string, string> = { password: PASSWORD }): ResourceSettingsOf<"postgres"> {
  const r = resource("x", { kind: "postgres", config: { host: server.host, port: server.port, database: "lathe_app", user: "lathe_app", ...config }, secrets });
  if (r.settings.kind !== "postgres") throw new Error("fixture");
  return r.settings;
}

async function count(): Promise<number> {
  const r = await port().execute("pg", sql("select count(*) as n from customers"), context());
  return Number((r.data as { n: number }[])[0].n); // rows of a count query
}

beforeAll(async () => {
  server = await startPostgres();
  await createRoleAndDatabase(server, "lathe_app", PASSWORD);
  const admin = await server.connect("lathe_app");
  await admin.query("set role lathe_app");
  await admin.query("create table customers (id serial primary key, name text not null unique)");
  await admin.query("insert into customers (name) values ('Ada'), ('Grace'), ('Linus')");
  await admin.end();
  lookup = lookupOf(
    { id: "pg", name: "pg", settings: pgSettings() },
    { id: "quick", name: "quick", settings: pgSettings({ statementTimeoutMs: 200 }) },
    { id: "wrong", name: "wrong", settings: pgSettings({}, { password: "not-the-Password-77" }) },
    { id: "url", name: "url", settings: pgSettings({ useConnectionString: true }, { connectionString: `postgres://lathe_app:${PASSWORD}@127.0.0.1:${server.port}/lathe_app` }) },
  );
});
afterAll(async () => {
  await clients.closeAll();
  await server?.stop();
});

describe("PostgreSQL resource", () => {
  it("returns rows as JSON objects", async () => {
    const statement = "select 1::int as i, 9007199254740993::int8 as big, count(*) over () as c, 1.50::numeric as n, true as b, '2024-02-03'::date as d, " +
      "'2024-02-03T04:05:06Z'::timestamptz as tz, '{\"a\":[1]}'::jsonb as j, '\\x0102'::bytea as bytes, 'NaN'::float8 as nan";
    const r = await port().execute("pg", sql(statement), context());
    expect(r.data).toEqual([{ i: 1, big: "9007199254740993", c: 1, n: "1.50", b: true, d: "2024-02-03", tz: "2024-02-03T04:05:06.000Z", j: { a: [1] }, bytes: "AQI=", nan: "NaN" }]);
    expect(r.metadata).toMatchObject({ command: "SELECT", rowCount: 1, truncated: false, fields: expect.arrayContaining([{ name: "i", dataTypeId: 23 }]) });
  });

  it("binds templates as parameters, so injection through a value is impossible", async () => {
    const ctx = context({ name: "Grace", min: 0 });
    const r = await port().execute("pg", sql("select name from customers where name = {{ name }} and id > {{ min }}"), ctx);
    expect(r.data).toEqual([{ name: "Grace" }]);
    expect(ctx.calls).toHaveLength(1);
    expect((await port().execute("pg", sql("select * from customers where name = {{ name }}"), context({ name: "x' OR '1'='1" }))).data).toEqual([]);
    await port().execute("pg", sql("select * from customers where name = {{ name }}"), context({ name: "'; DROP TABLE customers; --" }));
    expect(await count()).toBe(3);
    const json = await port().execute("pg", sql("select {{ v }}::jsonb -> 'a' as a, {{ flag }}::boolean as f"), context({ v: { a: [1, 2] }, flag: false }));
    expect(json.data).toEqual([{ a: [1, 2], f: false }]);
  });

  it("keeps at most rowLimit rows", async () => {
    const r = await port().execute("pg", sql("select g from generate_series(1, 1000) g", { rowLimit: 10 }), context());
    expect(r).toMatchObject({ data: Array.from({ length: 10 }, (_, i) => ({ g: i + 1 })), metadata: { rowCount: 10, truncated: true } });
  });

  it("gives the server's error with its code and position", async () => {
    const e = await rejection(port().execute("pg", sql("select * from nope"), context()));
    expect(e).toMatchObject({ code: "RESOURCE_FAILED", status: 502, message: 'relation "nope" does not exist', data: { code: "42P01", position: "15" } });
  });

  it("stops a statement at the statement timeout and keeps the pool usable", async () => {
    const started = Date.now();
    const e = await rejection(port().execute("quick", sql("select pg_sleep(5)", {}, "quick"), context()));
    expect(e).toMatchObject({ code: "BLOCK_TIMEOUT", message: '"q" timed out after 200 ms (the resource\'s statement timeout)' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await port().execute("quick", sql("select 1 as one", {}, "quick"), context())).data).toEqual([{ one: 1 }]);
  });

  it("cancels the statement on the server when the engine aborts", async () => {
    const controller = new AbortController();
    const pending = port().execute("pg", sql("select pg_sleep(5) /* cancel-me */"), context({}, { signal: controller.signal }));
    setTimeout(() => controller.abort(new EngineError("BLOCK_TIMEOUT", '"q" timed out after 100 ms', { block: "q" })), 100);
    expect(await rejection(pending)).toMatchObject({ code: "BLOCK_TIMEOUT" });
    const admin = await server.connect();
    let running = 1;
    for (let i = 0; i < 40 && running > 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const r = await admin.query("select count(*)::int as n from pg_stat_activity where query like '%cancel-me%' and state = 'active' and pid <> pg_backend_pid()");
      running = Number(r.rows[0].n);
    }
    await admin.end();
    expect(running).toBe(0);
  });

  it("refuses several statements without a transaction, whoever notices", async () => {
    const e = await rejection(port().execute("pg", sql("insert into customers (name) values ('A'); insert into customers (name) values ('B')"), context()));
    expect(e.message).toBe(SEVERAL_STATEMENTS);
    const pool = await clients.postgres("pg", pgSettings());
    const run = { statements: [{ text: "select 1; select 2", params: [] }], rowLimit: 10, transaction: false, block: "q", timeoutMs: 1000, deadline: Date.now() + 1000, signal: new AbortController().signal };
    expect((await rejection(runPostgres(pool, run))).message).toBe(SEVERAL_STATEMENTS);
    expect(await count()).toBe(3);
  });

  it("runs several statements in one transaction, rolled back whole on error", async () => {
    const statement = "insert into customers (name) values ({{ a }}); insert into customers (name) values ({{ b }}) returning id; select count(*) as n from customers";
    const r = await port().execute("pg", sql(statement, { transaction: true }), context({ a: "A", b: "B" }));
    expect(r.data).toEqual([{ n: 5 }]);
    const e = await rejection(port().execute("pg", sql("insert into customers (name) values ('C'); insert into customers (name) values ('A')", { transaction: true }), context()));
    expect(e).toMatchObject({ code: "RESOURCE_FAILED", message: expect.stringMatching(/duplicate key value violates unique constraint/), data: { code: "23505" } });
    expect(await count()).toBe(5);
    await port().execute("pg", sql("delete from customers where name in ('A', 'B')"), context());
  });

  it("reports a wrong password in the server's words, the password never shown", async () => {
    const e = await rejection(port().execute("wrong", sql("select 1", {}, "wrong"), context()));
    expect(e.message).toBe('Could not connect to PostgreSQL: password authentication failed for user "lathe_app"');
    expect(JSON.stringify(e)).not.toContain("not-the-Password-77");
    const t = await testConnection(pgSettings({}, { password: "not-the-Password-77" }));
    expect(t).toEqual({ ok: false, message: 'password authentication failed for user "lathe_app"' });
  });

  it("tests a good connection", async () => {
    expect(await testConnection(pgSettings())).toMatchObject({ ok: true, message: expect.stringMatching(/^Connected to PostgreSQL \d+/) });
    expect(await testConnection(pgSettings({ sslMode: "require" }))).toEqual({ ok: false, message: "The server does not support SSL connections" });
  });

  it("connects with a connection string and masks it in errors", async () => {
    expect((await port().execute("url", sql("select current_user as u", {}, "url"), context())).data).toEqual([{ u: "lathe_app" }]);
    const bad = `postgres://lathe_app:wrong-Pass-55@127.0.0.1:${server.port}/lathe_app`;
    const t = await testConnection(pgSettings({ useConnectionString: true }, { connectionString: bad }));
    expect(t.ok).toBe(false);
    expect(t.message).not.toContain("wrong-Pass-55");
  });

  it("reuses one pool per resource and closes it on invalidate", async () => {
    const settings = pgSettings();
    const a = await clients.postgres("reuse", settings);
    expect(await clients.postgres("reuse", settings)).toBe(a);
    const changed = await clients.postgres("reuse", { ...settings, config: { ...settings.config, maxConnections: 2 } });
    expect(changed).not.toBe(a);
    await clients.invalidate("reuse");
    expect(changed.ended).toBe(true);
    expect(await clients.postgres("reuse", settings)).not.toBe(changed);
    await clients.invalidate("reuse");
  });
});
