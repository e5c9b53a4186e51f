import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Refused } from "@/components/auth/refused";
import { AuditQuery } from "@/engine/contract/audit";
import { getDb } from "@/server/db/client";
import { pageCaller } from "@/server/http/page-access";
import { listAudit } from "@/server/services/audit";

export const dynamic = "force-dynamic";

type Search = Record<string, string | string[] | undefined>;

/** The audit log for admins: filters and paging live in the URL (`?action=&actor=&target=&from=&to=&page=`). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const caller = await pageCaller("/admin/audit");
  if (caller.user.role !== "admin") {
    return <Refused title="Only admins see the audit log" reason="It records who did what in this installation." href="/" linkText="Back to apps" />;
  }
  const search = await searchParams;
  const raw = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = AuditQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : AuditQuery.parse({});
  const list = await listAudit(getDb(), query);
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    for (const k of ["action", "actor", "target", "from", "to"] as const) if (query[k]) q.set(k, query[k]);
    if (query.pageSize !== AuditQuery.parse({}).pageSize) q.set("pageSize", String(query.pageSize));
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return s ? `/admin/audit?${s}` : "/admin/audit";
  };
  const filters = { action: query.action, actor: query.actor, target: query.target, from: query.from, to: query.to, pageSize: query.pageSize };
  return (
    <main className="mx-auto max-w-7xl px-6 py-10">
      <header className="mb-6 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <Link href="/" className="text-sm text-indigo-700 hover:underline">
          Back to apps
        </Link>
      </header>
      {!parsed.success ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="alert">
          The filters in the address are not valid ({parsed.error.issues[0]?.message}); showing the whole log.
        </p>
      ) : null}
      <AuditFilters key={JSON.stringify(filters)} initial={filters} />
      <AuditTable entries={list.entries} />
      <nav className="mt-4 flex items-center justify-between text-sm" aria-label="Pages" data-testid="audit-paging">
        {list.page > 1 ? (
          <Link href={pageHref(list.page - 1)} className="text-indigo-700 hover:underline" data-testid="audit-previous">
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        <span className="text-slate-500" data-testid="audit-page">Page {list.page}</span>
        {list.hasMore ? (
          <Link href={pageHref(list.page + 1)} className="text-indigo-700 hover:underline" data-testid="audit-next">
            Next →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </main>
  );
}
