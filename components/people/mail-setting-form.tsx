"use client";

import Link from "next/link";
import { useState } from "react";
import { MailSetting } from "@/engine/contract/admin";
import { api, errorMessage } from "../ui/api";
import { SectionTitle } from "./section-title";

/** Which SMTP resource sends Lathe's own mail (invitations); none: links are only shown. */
export function MailSettingForm({ mail }: { mail: MailSetting }) {
  const [current, setCurrent] = useState(mail);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function choose(resourceId: string | null) {
    setError(null);
    setSaved(false);
    try {
      setCurrent(await api(MailSetting, "/api/settings/mail", { method: "PUT", body: { resourceId } }));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section data-testid="mail-setting">
      <SectionTitle title="Lathe's mail" hint="An SMTP resource that sends invitations. Without one, hand the links over yourself." />
      {current.choices.length === 0 ? (
        <p className="text-sm text-slate-600">
          No SMTP resource yet. <Link href="/resources?new=1" className="text-indigo-700 hover:underline">Add one on the Resources page</Link>.
        </p>
      ) : (
        <label className="flex items-center gap-2 text-sm">
          Send with
          <select
            aria-label="Lathe's mail resource"
            value={current.resourceId ?? ""}
            onChange={(e) => void choose(e.target.value || null)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          >
            <option value="">No mail (show links only)</option>
            {current.choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          {saved && <span className="text-slate-500">Saved</span>}
        </label>
      )}
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
    </section>
  );
}
