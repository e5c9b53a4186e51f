"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { NoContent } from "@/engine/contract/common";
import {
  AppMemberResponse,
  AppMembersResponse,
  DirectoryResponse,
  ShareAccess,
  type AppMember,
} from "@/engine/contract/sharing";
import { api, errorMessage } from "../ui/api";
import { Button } from "../ui/button";
import { accessesOf, shareCandidates } from "./share-candidates";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm outline-none focus:border-indigo-500 disabled:bg-slate-50 disabled:text-slate-500";
const ACCESS_TEXT: Record<ShareAccess, string> = { use: "Can use", edit: "Can edit" };

function toAccess(value: string): ShareAccess {
  return ShareAccess.catch("use").parse(value);
}

function MemberRow({ member, busy, onChange, onRemove }: {
  member: AppMember;
  busy: boolean;
  onChange: (access: ShareAccess) => void;
  onRemove: () => void;
}) {
  const allowed = accessesOf(member);
  const options = allowed.includes(member.access) ? allowed : [...allowed, member.access];
  return (
    <li className="flex items-center gap-3 py-2" data-member-kind={member.kind} data-member-name={member.name}>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium">
          {member.kind === "group" ? `Group: ${member.name}` : member.name}
          {member.owner ? <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-600">Owner</span> : null}
        </p>
        {member.email ? <p className="truncate text-xs text-slate-500">{member.email}</p> : null}
      </div>
      <select aria-label={`Access for ${member.name}`} className={SELECT} value={member.access} disabled={member.owner || busy}
        onChange={(e) => onChange(toAccess(e.target.value))}>
        {options.map((a) => (
          <option key={a} value={a}>{ACCESS_TEXT[a]}</option>
        ))}
      </select>
      {member.owner ? (
        <span className="w-16" />
      ) : (
        <Button variant="ghost" className="w-16 justify-center text-red-700" disabled={busy} aria-label={`Remove ${member.name}`} onClick={onRemove}>
          Remove
        </Button>
      )}
    </li>
  );
}

/**
 * Who an app is shared with, and with what access: its members (the owner first, fixed), each
 * with a use/edit select and Remove, and a row to add a person or a group from the directory.
 */
export function ShareDialog({ appId, appName, onClose }: { appId: string; appName: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [members, setMembers] = useState<AppMember[] | null>(null);
  const [directory, setDirectory] = useState<DirectoryResponse>({ people: [], groups: [] });
  const [pick, setPick] = useState("");
  const [access, setAccess] = useState<ShareAccess>("use");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/apps/${encodeURIComponent(appId)}/members`;

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const reload = useCallback(async () => {
    const [m, dir] = await Promise.all([api(AppMembersResponse, base), api(DirectoryResponse, "/api/directory")]);
    setMembers(m.members);
    setDirectory(dir);
  }, [base]);

  useEffect(() => {
    reload().catch((err: unknown) => setError(errorMessage(err)));
  }, [reload]);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await reload();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const candidates = shareCandidates(directory, members ?? []);
  const chosen = candidates.find((c) => c.value === pick) ?? null;
  const accesses = chosen?.accesses ?? ShareAccess.options;

  const add = async () => {
    if (!chosen) return;
    const ok = await act(() => api(AppMemberResponse, base, { method: "POST", body: { kind: chosen.kind, id: chosen.id, access } }));
    if (ok) {
      setPick("");
      setAccess("use");
    }
  };

  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      aria-labelledby="share-title"
      className="m-auto w-[34rem] max-w-[92vw] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-5">
        <h2 id="share-title" className="text-base font-semibold">
          Share “{appName}”
        </h2>
        <p className="mt-1 text-sm text-slate-600">People and groups with <b>use</b> open and run the app; with <b>edit</b> they build it too. People whose role is user only ever use apps.</p>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-600">
            {error}
          </p>
        ) : null}
        {members === null ? (
          <p className="mt-4 text-sm text-slate-500">Loading…</p>
        ) : (
          <ul aria-label="Members" className="mt-3 divide-y divide-slate-100">
            {members.map((m) => (
              <MemberRow key={m.id} member={m} busy={busy}
                onChange={(a) => void act(() => api(AppMemberResponse, `${base}/${encodeURIComponent(m.id)}`, { method: "PATCH", body: { access: a } }))}
                onRemove={() => void act(() => api(NoContent, `${base}/${encodeURIComponent(m.id)}`, { method: "DELETE" }))} />
            ))}
          </ul>
        )}
        <form
          className="mt-4 flex items-center gap-2 border-t border-slate-200 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <select aria-label="Person or group to add" className={`${SELECT} min-w-0 flex-1`} value={pick} disabled={busy}
            onChange={(e) => {
              setPick(e.target.value);
              setAccess("use");
            }}>
            <option value="">{candidates.length === 0 ? "Everyone is a member already" : "Choose a person or group…"}</option>
            <optgroup label="People">
              {candidates.filter((c) => c.kind === "user").map((c) => (
                <option key={c.value} value={c.value}>{c.label}</option>
              ))}
            </optgroup>
            <optgroup label="Groups">
              {candidates.filter((c) => c.kind === "group").map((c) => (
                <option key={c.value} value={c.value}>{c.label}</option>
              ))}
            </optgroup>
          </select>
          <select aria-label="Access to give" className={SELECT} value={access} disabled={busy} onChange={(e) => setAccess(toAccess(e.target.value))}>
            {accesses.map((a) => (
              <option key={a} value={a}>{ACCESS_TEXT[a]}</option>
            ))}
          </select>
          <Button type="submit" variant="primary" disabled={busy || !chosen}>
            Add
          </Button>
        </form>
        <div className="mt-5 flex justify-end">
          <Button autoFocus onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </dialog>
  );
}
