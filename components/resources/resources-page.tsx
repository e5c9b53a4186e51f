"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "../ui/button";
import type { ResourceView } from "@/engine/contract/resources";
import { ResourceForm } from "./resource-form";

const KIND_NAMES: Record<string, string> = { rest: "REST API", postgres: "PostgreSQL", sqlite: "SQLite", smtp: "SMTP" };

/** The workspace's resources: connections whose secrets stay on the server. */
export function ResourcesPage({ resources, selectedId, creating, backHref }: {
  resources: ResourceView[];
  selectedId: string | null;
  creating: boolean;
  backHref: string;
}) {
  const router = useRouter();
  const selected = resources.find((r) => r.id === selectedId) ?? null;
  const go = (query: string) => router.push(`/resources${query}`);
  return (
    <div className="flex h-screen flex-col">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
        <Link href={backHref} className="text-sm text-slate-500 hover:text-slate-900">← Back</Link>
        <span className="text-slate-300">/</span>
        <h1 className="font-semibold">Resources</h1>
      </header>
      <div className="flex min-h-0 flex-1">
        <aside className="w-72 shrink-0 overflow-y-auto border-r border-slate-200 bg-white p-3">
          <Button variant="primary" className="mb-3 w-full justify-center" onClick={() => go("?new=1")}>New resource</Button>
          {resources.length === 0 ? (
            <p className="text-sm text-slate-500">No resources yet. Add a REST API, a database or a mail server that functions can query.</p>
          ) : (
            <ul data-testid="resource-list">
              {resources.map((r) => (
                <li key={r.id} data-resource-name={r.name}>
                  <Link
                    href={`/resources?id=${r.id}`}
                    className={`block rounded-md px-2 py-1.5 text-sm ${r.id === selectedId ? "bg-indigo-50" : "hover:bg-slate-100"}`}
                  >
                    <span className="font-medium">{r.name}</span>
                    <span className="ml-2 text-xs text-slate-500">{KIND_NAMES[r.kind]}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </aside>
        <main className="min-w-0 flex-1 overflow-y-auto p-6">
          {creating || selected ? (
            <ResourceForm
              key={selected?.id ?? "new"}
              resource={creating ? null : selected}
              onSaved={(r) => {
                router.replace(`/resources?id=${r.id}`);
                router.refresh();
              }}
              onDeleted={() => {
                router.replace("/resources");
                router.refresh();
              }}
            />
          ) : (
            <p className="text-sm text-slate-600">Select a resource, or create one. Secrets you enter are encrypted on the server and never shown again.</p>
          )}
        </main>
      </div>
    </div>
  );
}
