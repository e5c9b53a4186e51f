import pg from "pg";
import type { ResourceSettingsOf } from "@/engine/resources";
import { bigintValue } from "./sql-values";

type PostgresSettings = ResourceSettingsOf<"postgres">;
type Ssl = pg.ClientConfig["ssl"];

const INT8 = 20;
const DATE = 1082;
const TIMESTAMP = 1114;

/**
 * int8 (count(*), bigserial) as a number when exact, else text; `date` and `timestamp`
 * (without time zone) as the server's text, since turning them into a JS Date would shift
 * them by the server process's time zone. numeric stays text (exact decimals).
 */
const types: pg.CustomTypesConfig = {
  getTypeParser(id, format) {
    if (id === INT8) return (v: string) => bigintValue(BigInt(v));
    if (id === DATE || id === TIMESTAMP) return (v: string) => v;
    return pg.types.getTypeParser(id, format);
  },
};

/** TLS options for a mode other than `prefer` (which tries TLS, then plain: see clients.ts). */
export function sslFor(mode: PostgresSettings["config"]["sslMode"]): Ssl {
  if (mode === "disable") return false;
  if (mode === "verify-full") return { rejectUnauthorized: true };
  // require (and the TLS attempt of prefer): encrypted, certificate not checked, as libpq does.
  return { rejectUnauthorized: false };
}

/**
 * The client settings of a PostgreSQL resource. Values are always given, so that node-postgres
 * never falls back to the server process's PG* environment variables or ~/.pgpass (those are
 * the server's credentials, not the resource's): the password is a function for that reason.
 */
export function clientConfig(settings: PostgresSettings, ssl: Ssl): pg.ClientConfig {
  const { config, secrets } = settings;
  const password = secrets.password ?? "";
  const base: pg.ClientConfig = {
    statement_timeout: config.statementTimeoutMs,
    application_name: "lathe",
    connectionTimeoutMillis: Math.min(10_000, Math.max(2_000, config.statementTimeoutMs)),
    types,
    ssl,
  };
  if (config.useConnectionString) {
    return { ...base, connectionString: secrets.connectionString ?? "", password: () => password };
  }
  if (!config.user) throw new Error("The resource has no user name: set the PostgreSQL user in its settings");
  return {
    ...base,
    host: config.host || "localhost",
    port: config.port,
    database: config.database || config.user,
    user: config.user,
    password: () => password,
  };
}

export function poolConfig(settings: PostgresSettings, ssl: Ssl): pg.PoolConfig {
  return {
    ...clientConfig(settings, ssl),
    max: settings.config.maxConnections,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
  };
}

export function noSslSupport(err: unknown): boolean {
  return err instanceof Error && /does not support SSL/i.test(err.message);
}

/**
 * `prefer`: one connection attempt with TLS; a server that refuses TLS gets plain connections.
 * Other modes need no probe. Throws the connection error when the server cannot be reached.
 */
export async function resolveSsl(settings: PostgresSettings): Promise<Ssl> {
  const mode = settings.config.sslMode;
  if (mode !== "prefer") return sslFor(mode);
  const tls = sslFor("require");
  const probe = new pg.Client(clientConfig(settings, tls));
  probe.on("error", () => {});
  try {
    await probe.connect();
    return tls;
  } catch (err) {
    if (noSslSupport(err)) return false;
    throw err;
  } finally {
    await probe.end().catch(() => {});
  }
}
