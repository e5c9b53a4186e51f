"use client";

import { headerSecretKey, isSecretHeader } from "@/engine/resources";
import { CONTROL } from "../ui/fields";
import { SecretField } from "./secret-field";
import type { KindFieldsProps } from "./kind-fields-props";

export type HeaderEntry = { key: string; value: string; secret?: boolean };

/**
 * A REST resource's default headers, one row each. A secret header's value is written once,
 * kept with the resource's secrets (`header:<name>`) and shown as "set", never again in full;
 * names that look like credentials (Authorization, Cookie, *key*, *token*, *secret*) are secret
 * unless unticked.
 */
export function HeaderFields({ headers, p }: { headers: HeaderEntry[]; p: KindFieldsProps }) {
  const set = (next: HeaderEntry[]) => p.setConfig({ headers: next });
  const update = (i: number, patch: Partial<HeaderEntry>) => set(headers.map((h, j) => (j === i ? { ...h, ...patch } : h)));


  function rename(i: number, key: string) {
    const h = headers[i];
    const next: HeaderEntry = { ...h, key };
    const was = isSecretHeader(h);
    const now = isSecretHeader(next);
    // What was typed follows the header: into the secrets when its new name makes it secret.
    const typed = was ? p.secrets[headerSecretKey(h.key)] : h.value;
    if (was) p.setSecret(headerSecretKey(h.key), undefined);
    if (now) {
      if (typeof typed === "string" && typed !== "") p.setSecret(headerSecretKey(key), typed);
      next.value = "";
    } else if (was) {
      next.value = typeof typed === "string" ? typed : "";
    }
    update(i, next);
  }

  function toggleSecret(i: number, secret: boolean) {
    const h = headers[i];
    if (secret) {
      // A plain value already typed becomes the secret's value.
      if (h.value) p.setSecret(headerSecretKey(h.key), h.value);
      update(i, { secret: true, value: "" });
    } else {
      // The stored secret value cannot be shown: the header starts empty, the secret is cleared.
      p.setSecret(headerSecretKey(h.key), p.secretsSet[headerSecretKey(h.key)] ? null : undefined);
      update(i, { secret: false, value: "" });
    }
  }

  return (
    <fieldset className="flex flex-col gap-2" data-testid="default-headers">
      <legend className="text-sm font-medium">Default headers</legend>
      {headers.map((h, i) => {
        const secret = isSecretHeader(h);
        const name = headerSecretKey(h.key);
        return (
          <div key={i} className="grid grid-cols-[1fr_1.4fr_auto_auto] items-end gap-2" data-header-row={h.key}>
            <input aria-label={`Header ${i + 1} name`} value={h.key} placeholder="Name" onChange={(e) => rename(i, e.target.value)} className={`${CONTROL.form} font-mono`} />
            {secret ? (
              <SecretField
                key={`${i}-${name}`}
                label={`${h.key || "Header"} value`}
                isSet={Boolean(p.secretsSet[name])}
                value={p.secrets[name]}
                mustReenter={p.mustReenter.has(name)}
                onChange={(v) => p.setSecret(name, v)}
              />
            ) : (
              <input aria-label={`${h.key || "Header"} value`} value={h.value} placeholder="Value" onChange={(e) => update(i, { value: e.target.value })} className={`${CONTROL.form} font-mono`} />
            )}
            <label className="flex items-center gap-1 pb-2 text-xs">
              <input type="checkbox" checked={secret} onChange={(e) => toggleSecret(i, e.target.checked)} />
              Secret
            </label>
            <button
              type="button"
              className="pb-2 text-xs text-red-700 hover:underline"
              onClick={() => {
                if (secret) p.setSecret(name, undefined);
                set(headers.filter((_, j) => j !== i));
              }}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" className="self-start text-sm text-indigo-700 hover:underline" onClick={() => set([...headers, { key: "", value: "" }])}>
        Add header
      </button>
    </fieldset>
  );
}
