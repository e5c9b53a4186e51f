import Link from "next/link";
import { AccountMenu } from "@/components/auth/account-menu";
import { AppList } from "@/components/home/app-list";
import { getDb } from "@/server/db/client";
import { pageCaller } from "@/server/http/page-access";
import { listApps } from "@/server/services/apps";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const caller = await pageCaller("/");
  const apps = await listApps(getDb(), caller);
  const role = caller.user.role;
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <header className="mb-8 flex items-start justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Lathe</h1>
          <p className="mt-1 text-sm text-slate-600">Internal apps and the backend functions behind them.</p>
        </div>
        <nav className="flex items-center gap-4">
          {role === "admin" && (
            <Link href="/resources" className="text-sm text-indigo-700 hover:underline">
              Resources
            </Link>
          )}
          {role === "admin" && (
            <Link href="/admin/people" className="text-sm text-indigo-700 hover:underline">
              People
            </Link>
          )}
          {role === "admin" && (
            <Link href="/admin/audit" className="text-sm text-indigo-700 hover:underline">
              Audit log
            </Link>
          )}
          <AccountMenu name={caller.user.name} role={role} />
        </nav>
      </header>
      <AppList apps={apps} now={Date.now()} canCreate={role !== "user"} />
    </main>
  );
}
