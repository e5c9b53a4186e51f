"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { AppRuntime } from "@/engine/pages";
import { PageView } from "./page-view";
import { usePageContext } from "./use-page-context";

/** The app as its users see it: its pages, running live, without the editor. */
export function AppView({ runtime, urlQuery }: { runtime: AppRuntime; urlQuery: Record<string, string> }) {
  const router = useRouter();
  const base = `/apps/${runtime.app.id}`;
  const { ctx, overlay } = usePageContext((page, query) => router.push(`${base}?${new URLSearchParams({ page, ...query })}`));
  return (
    <div className="min-h-screen bg-white">
      <header className="flex h-12 items-center gap-4 border-b border-slate-200 px-4">
        <h1 className="font-semibold" data-testid="app-view-title">{runtime.app.name}</h1>
        {runtime.pages.length > 1 ? (
          <nav className="flex gap-1" aria-label="Pages">
            {runtime.pages.map((p) => (
              <Link key={p.id} href={`${base}?page=${encodeURIComponent(p.name)}`} aria-current={p.id === runtime.page.id ? "page" : undefined}
                className={`rounded px-2 py-1 text-sm ${p.id === runtime.page.id ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`}>
                {p.name}
              </Link>
            ))}
          </nav>
        ) : null}
      </header>
      <main className="mx-auto max-w-6xl p-4">
        <PageView
          key={`${runtime.page.id}:${JSON.stringify(urlQuery)}`}
          tree={runtime.page.tree}
          appFunctions={runtime.functions}
          pageId={runtime.page.id}
          pageName={runtime.page.name}
          urlQuery={urlQuery}
          currentUser={runtime.currentUser ?? null}
          ctx={ctx}
        />
      </main>
      {overlay}
    </div>
  );
}
