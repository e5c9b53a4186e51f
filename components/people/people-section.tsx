"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PersonAnswer, type PersonView } from "@/engine/contract/admin";
import { NoContent } from "@/engine/contract/common";
import type { Role } from "@/engine/contract/people";
import { api, errorMessage } from "../ui/api";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useConfirm } from "../ui/use-confirm";
import { ROLE_OPTIONS } from "./role-options";
import { SectionTitle } from "./section-title";

function signInText(p: PersonView): string {
  if (p.signIn.password && p.signIn.sso) return "Password, single sign-on";
  if (p.signIn.sso) return "Single sign-on";
  return p.signIn.password ? "Password" : "None";
}

/** Everyone, with a role select and Remove. A change ends the person's sessions. */
export function PeopleSection({ meId, people }: { meId: string; people: PersonView[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const remove = useConfirm<PersonView>(async (p) => {
    await api(NoContent, `/api/users/${encodeURIComponent(p.id)}`, { method: "DELETE" });
    if (p.id === meId) window.location.assign("/sign-in");
    else router.refresh();
  });

  async function setRole(p: PersonView, role: Role) {
    setBusyId(p.id);
    setError(null);
    try {
      await api(PersonAnswer, `/api/users/${encodeURIComponent(p.id)}`, { method: "PATCH", body: { role } });
      // Your own sessions end too: sign in again under the new role.
      if (p.id === meId) window.location.assign("/sign-in");
      else router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section aria-labelledby="people-title" data-testid="people-section">
      <SectionTitle title="People" hint="Changing a role or removing someone signs them out everywhere." />
      {error && <p role="alert" className="mb-2 text-sm text-red-700">{error}</p>}
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 font-medium">Name</th>
            <th className="py-2 font-medium">Email</th>
            <th className="py-2 font-medium">Role</th>
            <th className="py-2 font-medium">Groups</th>
            <th className="py-2 font-medium">Signs in with</th>
            <th className="py-2 font-medium">Since</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} className="border-t border-slate-200" data-person-email={p.email}>
              <td className="py-2 font-medium">{p.name}{p.id === meId && <span className="ml-1 text-xs text-slate-500">(you)</span>}</td>
              <td className="py-2 text-slate-700">{p.email}</td>
              <td className="py-2">
                <select
                  aria-label={`Role of ${p.email}`}
                  value={p.role}
                  disabled={busyId === p.id}
                  onChange={(e) => {
                    const role = ROLE_OPTIONS.find(([v]) => v === e.target.value)?.[0];
                    if (role) void setRole(p, role);
                  }}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                >
                  {ROLE_OPTIONS.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
                </select>
              </td>
              <td className="py-2 text-slate-700">{p.groups.map((g) => g.name).join(", ") || "—"}</td>
              <td className="py-2 text-slate-700">{signInText(p)}</td>
              <td className="py-2 text-slate-500">{new Date(p.createdAt).toLocaleDateString()}</td>
              <td className="py-2 text-right">
                <Button variant="ghost" onClick={() => remove.ask(p)} aria-label={`Remove ${p.email}`}>Remove</Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {remove.target && (
        <ConfirmDialog
          title={`Remove ${remove.target.name}?`}
          message={`${remove.target.email} will be signed out everywhere and can no longer sign in. Apps they made stay.`}
          confirmLabel="Remove"
          busy={remove.busy}
          error={remove.error}
          onConfirm={() => void remove.confirm()}
          onCancel={remove.cancel}
        />
      )}
    </section>
  );
}
