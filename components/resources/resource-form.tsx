"use client";

import { useState } from "react";
import type { ResourceKind } from "@/engine/resources";
import { NoContent } from "@/engine/contract/common";
import { ConnectionTestResponse, ResourceResponse, type ResourceView } from "@/engine/contract/resources";
import { api, errorMessage } from "../ui/api";
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
      setSaved(true);
      onSaved(r);
    } catch (err) {
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
      <KindFields kind={kind} config={config} setConfig={setConfig} secretsSet={resource?.secretsSet ?? {}} secrets={secrets} setSecret={setSecret} />
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
