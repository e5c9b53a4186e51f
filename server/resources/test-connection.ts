import pg from "pg";
import type { ResourceSettings, ResourceSettingsOf } from "@/engine/resources";
import { causeMessage } from "./errors";
import { clientConfig, resolveSsl } from "./postgres-config";
import { redact, secretsOf } from "./redact";
import { headersObject } from "./rest-body";
import { buildHeaders } from "./rest-request";
import { createSmtpTransport } from "./smtp";
import { openSqlite } from "./sqlite";

export type ConnectionTest = { ok: true; message: string } | { ok: false; message: string };

/** A connection test never waits longer than this, whatever the resource's own timeout. */
export const TEST_TIMEOUT_MS = 10_000;

async function testRest(settings: ResourceSettingsOf<"rest">, signal: AbortSignal): Promise<ConnectionTest> {
  const url = new URL(settings.config.baseUrl);
  const auth = settings.config.auth;
  if (auth.type === "apiKey" && auth.in === "query" && settings.secrets.apiKey) url.searchParams.set(auth.name, settings.secrets.apiKey);
  const headers = buildHeaders(settings, { kind: "rest", resourceId: "", method: "HEAD", path: "", query: [], headers: [], body: { type: "none" } });
  const res = await fetch(url, { method: "HEAD", headers, signal, redirect: "manual" });
  await res.body?.cancel().catch(() => {});
  const server = headersObject(res.headers).server;
  return { ok: true, message: `Reachable: HEAD ${settings.config.baseUrl} answered ${res.status} ${res.statusText}${server ? ` (${server})` : ""}`.trim() };
}

async function testPostgres(settings: ResourceSettingsOf<"postgres">): Promise<ConnectionTest> {
  const ssl = await resolveSsl(settings);
  const client = new pg.Client({ ...clientConfig(settings, ssl), connectionTimeoutMillis: TEST_TIMEOUT_MS, statement_timeout: TEST_TIMEOUT_MS });
  client.on("error", () => {});
  try {
    await client.connect();
    const r = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
    return { ok: true, message: `Connected to PostgreSQL ${r.rows[0]?.version ?? ""}${ssl ? " over TLS" : ""}`.trim() };
  } finally {
    await client.end().catch(() => {});
  }
}

function testSqlite(settings: ResourceSettingsOf<"sqlite">): ConnectionTest {
  const db = openSqlite(settings.config, { readonly: true });
  try {
    // Opening succeeds on any file; reading the schema proves it is a database.
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get();
    const n = tables !== null && typeof tables === "object" ? Reflect.get(tables, "n") : undefined;
    return { ok: true, message: `Opened ${settings.config.path} (${String(n)} tables${settings.config.readOnly ? ", read-only" : ""})` };
  } finally {
    db.close();
  }
}

async function testSmtp(settings: ResourceSettingsOf<"smtp">): Promise<ConnectionTest> {
  const transport = createSmtpTransport(settings);
  try {
    await transport.verify();
    return { ok: true, message: `Connected to ${settings.config.host}:${settings.config.port}${settings.config.user ? " and signed in" : ""}` };
  } finally {
    transport.close();
  }
}

async function run(settings: ResourceSettings, signal: AbortSignal): Promise<ConnectionTest> {
  switch (settings.kind) {
    case "rest":
      return testRest(settings, signal);
    case "postgres":
      return testPostgres(settings);
    case "sqlite":
      return testSqlite(settings);
    case "smtp":
      return testSmtp(settings);
  }
}

/**
 * Tries a resource's settings before they are saved: REST answers any HTTP status, PostgreSQL
 * runs a query, SQLite reads the schema of an existing file, SMTP greets (and signs in). The
 * message is the server's own words when it fails, with the resource's secrets masked.
 */
export async function testConnection(settings: ResourceSettings, signal?: AbortSignal): Promise<ConnectionTest> {
  const secrets = secretsOf(settings);
  const timer = AbortSignal.timeout(TEST_TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timer]) : timer;
  let onAbort = () => {};
  const aborted = new Promise<ConnectionTest>((resolve) => {
    onAbort = () => resolve({ ok: false, message: timer.aborted ? `No answer within ${TEST_TIMEOUT_MS / 1000} s` : "The test was cancelled" });
    combined.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const result = await Promise.race([run(settings, combined), aborted]);
    const message = redact(result.message, secrets);
    return result.ok ? { ok: true, message } : { ok: false, message };
  } catch (err) {
    if (combined.aborted) return { ok: false, message: timer.aborted ? `No answer within ${TEST_TIMEOUT_MS / 1000} s` : "The test was cancelled" };
    return { ok: false, message: redact(causeMessage(err).replace(/^fetch failed: /, ""), secrets) };
  } finally {
    combined.removeEventListener("abort", onAbort);
  }
}
