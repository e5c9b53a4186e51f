"use client";

import type { ResourceKind } from "@/engine/resources";
import { CheckboxField, Row, SelectField, TextField } from "./fields";
import { HeaderFields, type HeaderEntry } from "./header-fields";
import type { Config, KindFieldsProps } from "./kind-fields-props";
import { SecretField } from "./secret-field";

export type { Config, KindFieldsProps, SecretPatch } from "./kind-fields-props";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const numOr = (v: unknown, d: number) => (typeof v === "number" ? v : d);
const toNum = (s: string) => (s.trim() === "" ? undefined : Number(s));

/** Defaults for a new resource of each kind. */
export const NEW_CONFIG: Record<ResourceKind, Config> = {
  rest: { baseUrl: "https://", auth: { type: "none" }, headers: [] },
  postgres: { host: "127.0.0.1", port: 5432, database: "", user: "", sslMode: "prefer", useConnectionString: false },
  sqlite: { path: "", readOnly: false },
  smtp: { host: "", port: 587, security: "starttls", user: "", from: "" },
};

function secret(p: KindFieldsProps, name: string, label: string) {
  return <SecretField key={name} label={label} isSet={Boolean(p.secretsSet[name])} value={p.secrets[name]} mustReenter={p.mustReenter.has(name)} onChange={(v) => p.setSecret(name, v)} />;
}

type Auth = { type: "none" } | { type: "bearer" } | { type: "basic"; username: string } | { type: "apiKey"; in: "header" | "query"; name: string };

function RestFields(p: KindFieldsProps) {
  const auth = (p.config.auth ?? { type: "none" }) as Auth; // shaped by NEW_CONFIG and this form only
  const headers = (Array.isArray(p.config.headers) ? p.config.headers : []) as HeaderEntry[]; // same
  return (
    <>
      <TextField label="Base URL" type="url" value={str(p.config.baseUrl)} onChange={(v) => p.setConfig({ baseUrl: v })} />
      <HeaderFields headers={headers} p={p} />
      <SelectField
        label="Authentication"
        value={auth.type}
        options={[["none", "None"], ["bearer", "Bearer token"], ["basic", "Basic"], ["apiKey", "API key"]] as const}
        onChange={(type) =>
          p.setConfig({ auth: type === "basic" ? { type, username: "" } : type === "apiKey" ? { type, in: "header", name: "X-API-Key" } : { type } })
        }
      />
      {auth.type === "bearer" ? secret(p, "token", "Token") : null}
      {auth.type === "basic" ? (
        <Row>
          <TextField label="Username" value={auth.username} onChange={(v) => p.setConfig({ auth: { ...auth, username: v } })} />
          {secret(p, "password", "Password")}
        </Row>
      ) : null}
      {auth.type === "apiKey" ? (
        <>
          <Row>
            <SelectField label="Send the key in" value={auth.in} options={[["header", "A header"], ["query", "A query parameter"]] as const} onChange={(v) => p.setConfig({ auth: { ...auth, in: v } })} />
            <TextField label="Header or parameter name" value={auth.name} onChange={(v) => p.setConfig({ auth: { ...auth, name: v } })} />
          </Row>
          {secret(p, "apiKey", "API key")}
        </>
      ) : null}
    </>
  );
}

function PostgresFields(p: KindFieldsProps) {
  const useString = p.config.useConnectionString === true;
  return (
    <>
      <CheckboxField label="Use a connection string" checked={useString} onChange={(v) => p.setConfig({ useConnectionString: v })} />
      {useString ? (
        secret(p, "connectionString", "Connection string")
      ) : (
        <>
          <Row>
            <TextField label="Host" value={str(p.config.host)} onChange={(v) => p.setConfig({ host: v })} />
            <TextField label="Port" type="number" value={numOr(p.config.port, 5432)} onChange={(v) => p.setConfig({ port: toNum(v) })} />
          </Row>
          <Row>
            <TextField label="Database" value={str(p.config.database)} onChange={(v) => p.setConfig({ database: v })} />
            <TextField label="User" value={str(p.config.user)} onChange={(v) => p.setConfig({ user: v })} />
          </Row>
          {secret(p, "password", "Password")}
        </>
      )}
      <SelectField
        label="SSL mode"
        value={str(p.config.sslMode) || "prefer"}
        options={[["disable", "Disable"], ["prefer", "Prefer"], ["require", "Require"], ["verify-full", "Verify full"]] as const}
        onChange={(v) => p.setConfig({ sslMode: v })}
      />
    </>
  );
}

function SqliteFields(p: KindFieldsProps) {
  return (
    <>
      <TextField label="Database file in the server's SQLite folder" value={str(p.config.path)} placeholder="app.db (relative to LATHE_SQLITE_DIR)" onChange={(v) => p.setConfig({ path: v })} />
      <CheckboxField label="Read only" checked={p.config.readOnly === true} onChange={(v) => p.setConfig({ readOnly: v })} />
    </>
  );
}

function SmtpFields(p: KindFieldsProps) {
  return (
    <>
      <Row>
        <TextField label="Host" value={str(p.config.host)} onChange={(v) => p.setConfig({ host: v })} />
        <TextField label="Port" type="number" value={numOr(p.config.port, 587)} onChange={(v) => p.setConfig({ port: toNum(v) })} />
      </Row>
      <SelectField
        label="Security"
        value={str(p.config.security) || "starttls"}
        options={[["starttls", "STARTTLS"], ["tls", "TLS"], ["none", "None (local relay)"]] as const}
        onChange={(v) => p.setConfig({ security: v })}
      />
      <Row>
        <TextField label="User" value={str(p.config.user)} onChange={(v) => p.setConfig({ user: v })} />
        {secret(p, "password", "Password")}
      </Row>
      <TextField label="Default sender" value={str(p.config.from)} placeholder="Support <support@example.com>" onChange={(v) => p.setConfig({ from: v })} />
    </>
  );
}

export function KindFields({ kind, ...p }: KindFieldsProps & { kind: ResourceKind }) {
  if (kind === "rest") return <RestFields {...p} />;
  if (kind === "postgres") return <PostgresFields {...p} />;
  if (kind === "sqlite") return <SqliteFields {...p} />;
  return <SmtpFields {...p} />;
}
