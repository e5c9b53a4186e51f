import Link from "next/link";
import { AppList } from "@/components/home/app-list";
import { getDb } from "@/server/db/client";
import { listApps } from "@/server/services/apps";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const apps = await listApps(getDb());
  return (
    <main className="mx-auto max-w-4xl px-6 py-10">
      <header className="mb-8 flex items-start justify-between">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Lathe</h1>
          <p className="mt-1 text-sm text-slate-600">Internal apps and the backend functions behind them.</p>
        </div>
        <Link href="/resources" className="text-sm text-indigo-700 hover:underline">
          Resources
        </Link>
      </header>
      <AppList apps={apps} now={Date.now()} />
    </main>
  );
}
