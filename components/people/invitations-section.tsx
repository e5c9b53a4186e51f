"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { InvitationCreated, type InvitationView } from "@/engine/contract/admin";
import { NoContent } from "@/engine/contract/common";
import type { Role } from "@/engine/contract/people";
import { api, errorMessage } from "../ui/api";
import { Button } from "../ui/button";
import { Field, Select } from "../ui/fields";
import { ROLE_OPTIONS } from "./role-options";
import { SectionTitle } from "./section-title";

/** Invite by email with a role: the link is shown once, to hand over (and mailed when Lathe has mail). */
export function InvitationsSection({ invitations, mailOn }: { invitations: InvitationView[]; mailOn: boolean }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const [copied, setCopied] = useState(false);

  async function invite(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setCreated(await api(InvitationCreated, "/api/invitations", { method: "POST", body: { email, role } }));
      setEmail("");
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function copy(link: string) {
    await navigator.clipboard.writeText(link);
    setCopied(true);
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await api(NoContent, `/api/invitations/${encodeURIComponent(id)}`, { method: "DELETE" });
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <section data-testid="invitations-section">
      <SectionTitle
        title="Invitations"
        hint={mailOn ? "The link is mailed to the person and shown here to hand over." : "Hand the link over yourself: Lathe has no mail set (below)."}
      />
      <form onSubmit={invite} className="flex items-end gap-3" aria-label="Invite someone">
        <div className="w-72"><Field look="form" label="Email" type="email" value={email} onChange={setEmail} /></div>
        <Select look="form" label="Role" value={role} options={ROLE_OPTIONS} onChange={setRole} />
        <Button type="submit" variant="primary" disabled={busy || !email}>Invite</Button>
      </form>
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
      {created && (
        <div className="mt-3 rounded-md border border-indigo-200 bg-indigo-50 p-3" data-testid="invitation-link">
          <p className="text-sm">
            Invitation for <strong>{created.invitation.email}</strong> ({created.invitation.role}), valid until{" "}
            {new Date(created.invitation.expiresAt).toLocaleString()}. The link is shown only now.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <input readOnly aria-label="Invitation link" value={created.link} className="flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
            <Button onClick={() => void copy(created.link)}>{copied ? "Copied" : "Copy"}</Button>
          </div>
          {created.mail.status === "sent" && <p className="mt-2 text-sm text-slate-700">Also sent by mail.</p>}
          {created.mail.status === "failed" && <p role="alert" className="mt-2 text-sm text-amber-800">Mailing it failed: {created.mail.message}</p>}
        </div>
      )}
      <h3 className="mt-5 text-sm font-medium text-slate-700">Pending</h3>
      {invitations.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">No pending invitations.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-200" data-testid="pending-invitations">
          {invitations.map((i) => (
            <li key={i.id} className="flex items-center justify-between py-2 text-sm" data-invitation-email={i.email}>
              <span>
                <span className="font-medium">{i.email}</span>
                <span className="ml-2 text-slate-500">{i.role} · until {new Date(i.expiresAt).toLocaleDateString()}</span>
              </span>
              <Button variant="ghost" onClick={() => void revoke(i.id)} aria-label={`Revoke the invitation of ${i.email}`}>Revoke</Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
