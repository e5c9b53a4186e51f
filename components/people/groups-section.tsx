"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { GroupAnswer, type GroupView, type PersonView } from "@/engine/contract/admin";
import { NoContent } from "@/engine/contract/common";
import { api, errorMessage } from "../ui/api";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { InlineNameForm } from "../ui/inline-name-form";
import { useConfirm } from "../ui/use-confirm";
import { SectionTitle } from "./section-title";

/** Groups: admin-made ones can be renamed and have members added; single sign-on ones are shown read-only. */
export function GroupsSection({ groups, people }: { groups: GroupView[]; people: PersonView[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const remove = useConfirm<GroupView>(async (g) => {
    await api(NoContent, `/api/groups/${encodeURIComponent(g.id)}`, { method: "DELETE" });
    router.refresh();
  });
  return (
    <section data-testid="groups-section">
      <SectionTitle title="Groups" hint="Share an app with a group instead of one person at a time." />
      {creating ? (
        <div className="w-96">
          <InlineNameForm
            label="Group name"
            placeholder="Group name"
            submitLabel="Create"
            onSubmit={async (name) => {
              await api(GroupAnswer, "/api/groups", { method: "POST", body: { name } });
              setCreating(false);
              router.refresh();
            }}
            onCancel={() => setCreating(false)}
          />
        </div>
      ) : (
        <Button onClick={() => setCreating(true)}>New group</Button>
      )}
      {groups.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No groups yet.</p>
      ) : (
        <ul className="mt-3 flex flex-col gap-3">
          {groups.map((g) => <GroupCard key={g.id} group={g} people={people} onDelete={() => remove.ask(g)} />)}
        </ul>
      )}
      {remove.target && (
        <ConfirmDialog
          title={`Delete the group ${remove.target.name}?`}
          message="Its members stay; the apps shared with the group are no longer shared with them through it."
          confirmLabel="Delete"
          busy={remove.busy}
          error={remove.error}
          onConfirm={() => void remove.confirm()}
          onCancel={remove.cancel}
        />
      )}
    </section>
  );
}

function GroupCard({ group, people, onDelete }: { group: GroupView; people: PersonView[]; onDelete: () => void }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState(false);
  const [adding, setAdding] = useState("");
  const [error, setError] = useState<string | null>(null);
  const local = group.source === "local";
  const candidates = people.filter((p) => !group.members.some((m) => m.id === p.id));
  const base = `/api/groups/${encodeURIComponent(group.id)}`;

  async function change(run: () => Promise<unknown>) {
    setError(null);
    try {
      await run();
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <li className="rounded-md border border-slate-200 bg-white p-3" data-group-name={group.name}>
      <div className="flex items-center justify-between gap-3">
        {renaming ? (
          <InlineNameForm
            initial={group.name}
            label="Group name"
            submitLabel="Rename"
            onSubmit={async (name) => {
              await api(GroupAnswer, base, { method: "PATCH", body: { name } });
              setRenaming(false);
              router.refresh();
            }}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          <h3 className="font-medium">
            {group.name}
            {!local && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">from single sign-on, read-only</span>}
          </h3>
        )}
        <div className="flex gap-1">
          {local && !renaming && <Button variant="ghost" onClick={() => setRenaming(true)}>Rename</Button>}
          <Button variant="ghost" onClick={onDelete} aria-label={`Delete the group ${group.name}`}>Delete</Button>
        </div>
      </div>
      <ul className="mt-2 flex flex-wrap gap-2">
        {group.members.length === 0 && <li className="text-sm text-slate-500">No members.</li>}
        {group.members.map((m) => (
          <li key={m.id} className="flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-sm">
            {m.name}
            {local && (
              <button
                type="button"
                aria-label={`Remove ${m.email} from ${group.name}`}
                className="text-slate-500 hover:text-red-700"
                onClick={() => void change(() => api(GroupAnswer, `${base}/members/${encodeURIComponent(m.id)}`, { method: "DELETE" }))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {local && candidates.length > 0 && (
        <div className="mt-2 flex items-center gap-2">
          <select aria-label={`Add someone to ${group.name}`} value={adding} onChange={(e) => setAdding(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">Add someone…</option>
            {candidates.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.email})</option>)}
          </select>
          <Button
            disabled={!adding}
            onClick={() => void change(async () => {
              await api(GroupAnswer, `${base}/members`, { method: "POST", body: { userId: adding } });
              setAdding("");
            })}
          >
            Add
          </Button>
        </div>
      )}
      {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
    </li>
  );
}
