import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../test-support/free-port";

/**
 * A throwaway PostgreSQL server for tests: initdb in a temp dir, started on a free port of
 * 127.0.0.1 with its socket in that dir, deleted on stop. Host connections need a password
 * (scram-sha-256). As root, everything runs as the `postgres` system user, since PostgreSQL
 * refuses to run as root. No binaries is a failure, not a skip: CI installs postgresql.
 */

const run = promisify(execFile);

export interface TestPostgres {
  host: string;
  port: number;
  /** The superuser and its password. */
  user: string;
  password: string;
  /** A client connected as the superuser to `database` (default postgres); end it yourself. */
  connect(database?: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

function findBinDir(): string {
  const fromEnv = process.env.LATHE_PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = path.join(root, v, "bin");
    if (fs.existsSync(path.join(dir, "initdb"))) return dir;
  }
  throw new Error(
    "PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin (apt-get install postgresql), and LATHE_PG_BIN is not set. The resource tests need a real PostgreSQL server.",
  );
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-pg-"));
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const pwfile = path.join(dir, "pw");
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    fs.chownSync(dir, uid, gid);
    fs.chownSync(pwfile, uid, gid);
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  const data = path.join(dir, "data");
  await pgRun("initdb", ["-D", data, "-U", "postgres", `--pwfile=${pwfile}`, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c synchronous_commit=off",
    "-c full_page_writes=off", "-c shared_buffers=16MB", "-c max_connections=40",
  ].join(" ");
  try {
    await pgRun("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-t", "30", "-o", options, "start"]);
  } catch (err) {
    const log = fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8") : "";
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${err instanceof Error ? err.message : String(err)}\n${log}`, { cause: err });
  }
  const server: TestPostgres = {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    async connect(database = "postgres") {
      const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database });
      await client.connect();
      return client;
    },
    async stop() {
      await pgRun("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A login role owning a database of the same name. */
export async function createRoleAndDatabase(server: TestPostgres, name: string, password: string): Promise<void> {
  const admin = await server.connect();
  try {
    await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${name}`);
  } finally {
    await admin.end();
  }
}
