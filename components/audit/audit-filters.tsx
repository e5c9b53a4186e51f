"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../ui/button";
import { CONTROL } from "../ui/fields";
import { fromDayToInstant, instantToFromDay, instantToToDay, toDayToInstant } from "./local-day";

export interface AuditFilterValues {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  pageSize?: number;
}

/** Actions to pick from; a trailing dot means "every action of that kind". */
const SUGGESTED_ACTIONS = [
  "sign-in", "sign-in.failed", "setup.first-admin", "user.", "group.", "invitation.", "app.", "app.create", "app.rename", "app.delete",
  "function.", "function.save", "function.rename", "function.delete", "function.restore", "page.", "page.save", "resource.",
];

/** The audit log's filters; applying them goes to page 1 of the filtered log, through the URL. */
export function AuditFilters({ initial }: { initial: AuditFilterValues }) {
  const router = useRouter();
  const [action, setAction] = useState(initial.action ?? "");
  const [actor, setActor] = useState(initial.actor ?? "");
  const [target, setTarget] = useState(initial.target ?? "");
  const [from, setFrom] = useState(instantToFromDay(initial.from));
  const [to, setTo] = useState(instantToToDay(initial.to));

  function apply(e: FormEvent) {
    e.preventDefault();
    const q = new URLSearchParams();
    const put = (k: string, v: string) => v.trim() && q.set(k, v.trim());
    put("action", action);
    put("actor", actor);
    put("target", target);
    put("from", fromDayToInstant(from));
    put("to", toDayToInstant(to));
    if (initial.pageSize) q.set("pageSize", String(initial.pageSize));
    const query = q.toString();
    router.push(query ? `/admin/audit?${query}` : "/admin/audit");
  }

  const field = (label: string, control: ReactNode) => (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      {control}
    </label>
  );
  return (
    <form onSubmit={apply} className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="audit-filters">
      {field(
        "Action",
        <>
          <input name="action" list="audit-actions" value={action} onChange={(e) => setAction(e.target.value)} placeholder="e.g. function." className={`${CONTROL.form} w-48 font-mono`} />
          <datalist id="audit-actions">
            {SUGGESTED_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </>,
      )}
      {field("Who (email contains)", <input name="actor" value={actor} onChange={(e) => setActor(e.target.value)} className={`${CONTROL.form} w-48`} />)}
      {field("Target id", <input name="target" value={target} onChange={(e) => setTarget(e.target.value)} className={`${CONTROL.form} w-40 font-mono`} />)}
      {field("From", <input name="from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} className={CONTROL.form} />)}
      {field("To", <input name="to" type="date" value={to} onChange={(e) => setTo(e.target.value)} className={CONTROL.form} />)}
      <Button type="submit" variant="primary">
        Filter
      </Button>
      <Button type="button" variant="ghost" onClick={() => router.push("/admin/audit")}>
        Clear
      </Button>
    </form>
  );
}
