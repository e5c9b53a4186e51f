"use client";

import { useState } from "react";
import { secretLabel, secretTarget, usedSecrets, type ResourceKind } from "@/engine/resources";
import { NoContent } from "@/engine/contract/common";
import { ConnectionTestResponse, ResourceResponse, type ResourceView } from "@/engine/contract/resources";
import { api, errorMessage, ServerFunctionError } from "../ui/api";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useConfirm } from "../ui/use-confirm";
import { TextField, SelectField } from "./fields";
import { KindFields, NEW_CONFIG, type Config, type SecretPatch } from "./kind-fields";

const KIND_LABELS = [["rest", "REST API"], ["postgres", "PostgreSQL"], ["sqlite", "SQLite"], ["smtp", "SMTP"]] as const;

/** Only the secrets the user touched travel: a string replaces, null clears; "" while editing means "not given". */
function secretPatch(s: SecretPatch): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(s)) if (v === null || (typeof v === "string" && v !== "")) out[k] = v;
  return out;
}

/**
 * The stored secrets the edited settings would send to another target than the one they were
 * entered for (engine/resources/target.ts): the server refuses to carry them, so the form asks
 * for them again before the request. A new connection string is a new target too.
 */
function secretsToReenter(resource: ResourceView | null, kind: ResourceKind, config: Config, secrets: SecretPatch): string[] {
  if (!resource) return [];
  const newConnectionString = kind === "postgres" && config.useConnectionString === true && typeof secrets.connectionString === "string" && secrets.connectionString !== "";
  const moved = resource.kind !== kind || secretTarget(resource.kind, resource.config) !== secretTarget(kind, config) || newConnectionString;
  if (!moved) return [];
  return usedSecrets(kind, config).filter((n) => resource.secretsSet[n] && (secrets[n] === undefined || secrets[n] === ""));
}

/** The secret fields a SECRETS_NEED_REENTRY answer names. */
function reentryOf(err: unknown): string[] {
  if (!(err instanceof ServerFunctionError) || err.code !== "SECRETS_NEED_REENTRY") return [];
  const data = err.data;
  const list = data !== null && typeof data === "object" ? Reflect.get(data, "secrets") : undefined;
  return Array.isArray(list) ? list.filter((n): n is string => typeof n === "string") : [];
}


/** Create or edit one resource: its kind's settings, secrets that are never shown, Test connection, Delete. */
export function ResourceForm({ resource, onSaved, onDeleted }: {
  resource: ResourceView | null;
  onSaved: (r: ResourceView) => void;
  onDeleted: () => void;
}) {
  const [name, setName] = useState(resource?.name ?? "");
  const [kind, setKind] = useState<ResourceKind>(resource?.kind ?? "rest");
  const [config, setConfigState] = useState<Config>(resource?.config ?? NEW_CONFIG.rest);
  const [secrets, setSecrets] = useState<SecretPatch>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState<"save" | "test" | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const [refused, setRefused] = useState<string[]>([]);
  const deleting = useConfirm<ResourceView>(async (r) => {
    await api(NoContent, `/api/resources/${r.id}`, { method: "DELETE" });
    onDeleted();
  });

  const setConfig = (patch: Config) => {
    setSaved(false);
    setConfigState((c) => ({ ...c, ...patch }));
  };
  const setSecret = (k: string, v: string | null | undefined) => {
    setSaved(false);
    setSecrets((s) => ({ ...s, [k]: v }));
  };

  // Asked again: what the form sees itself, and what the server named, until entered or cleared.
  const reenter = new Set([...secretsToReenter(resource, kind, config, secrets), ...refused.filter((n) => secrets[n] === undefined || secrets[n] === "")]);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy("save");
    setError(null);
    try {
      const body = { name, config, secrets: secretPatch(secrets) };
      const { resource: r } = resource
        ? await api(ResourceResponse, `/api/resources/${resource.id}`, { method: "PATCH", body })
        : await api(ResourceResponse, "/api/resources", { method: "POST", body: { ...body, kind } });
      setSecrets({});
      setRefused([]);
      setSaved(true);
      onSaved(r);
    } catch (err) {
      setRefused(reentryOf(err));
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function testConnection() {
    setBusy("test");
    setTest(null);
    try {
      setTest(await api(ConnectionTestResponse, "/api/resources/test", {
        method: "POST",
        body: { id: resource?.id, kind, config, secrets: secretPatch(secrets) },
      }));
    } catch (err) {
      setRefused(reentryOf(err));
      setTest({ ok: false, message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <form onSubmit={save} className="flex max-w-xl flex-col gap-4" data-testid="resource-form">
      <h2 className="text-lg font-semibold">{resource ? resource.name : "New resource"}</h2>
      <TextField label="Name" value={name} onChange={(v) => { setSaved(false); setName(v); }} />
      {resource ? (
        <p className="text-sm text-slate-600">Kind: {KIND_LABELS.find(([k]) => k === kind)?.[1]}</p>
      ) : (
        <SelectField label="Kind" value={kind} options={KIND_LABELS} onChange={(k) => { setKind(k); setConfigState(NEW_CONFIG[k]); setSecrets({}); }} />
      )}
      <KindFields kind={kind} config={config} setConfig={setConfig} secretsSet={resource?.secretsSet ?? {}} secrets={secrets} setSecret={setSecret} mustReenter={reenter} />
      {reenter.size ? (
        <p role="status" data-testid="secrets-reenter" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The address changed, so the stored secrets are not sent there: enter {[...reenter].map(secretLabel).join(", ")} again, or clear {reenter.size > 1 ? "them" : "it"}.
        </p>
      ) : null}
      {error ? <p role="alert" className="text-sm text-red-600">{error}</p> : null}
      {test ? (
        <p data-testid="connection-result" className={`rounded-md px-3 py-2 text-sm ${test.ok ? "bg-green-50 text-green-800" : "bg-red-50 text-red-800"}`}>
          {test.ok ? "Connected: " : "Connection failed: "}
          {test.message}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" disabled={busy !== null}>{busy === "save" ? "Saving…" : resource ? "Save" : "Create resource"}</Button>
        <Button onClick={testConnection} disabled={busy !== null}>{busy === "test" ? "Testing…" : "Test connection"}</Button>
        {saved ? <span className="text-sm text-green-700">Saved</span> : null}
        {resource ? (
          <Button variant="ghost" className="ml-auto text-red-700" onClick={() => resource && deleting.ask(resource)}>Delete</Button>
        ) : null}
      </div>
      {deleting.target ? (
        <ConfirmDialog
          title={`Delete resource "${deleting.target.name}"?`}
          message="Functions can no longer query it. Deleting is refused while a function uses it."
          confirmLabel="Delete resource"
          busy={deleting.busy}
          error={deleting.error}
          onConfirm={() => void deleting.confirm()}
          onCancel={deleting.cancel}
        />
      ) : null}
    </form>
  );
}
