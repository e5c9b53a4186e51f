"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { AppRuntime } from "@/engine/pages";
import { Button } from "../ui/button";
import { PageEditor } from "../pages-editor/page-editor";
import { PagesTab } from "../pages-editor/pages-tab";
import { CodeTab } from "./code-tab";
import { FunctionEditor } from "./function-editor";
import { ShareDialog } from "./share-dialog";
import type { ResourceOption } from "./inspector/query-form";
import type { FunctionDetail, FunctionSummary } from "@/engine/contract/functions";
import type { PageSummary } from "@/engine/contract/pages";

/** The app editor: a left panel of tabs (Code for now) and a main area. */
export function EditorShell({
  app,
  pages,
  functions,
  selected,
  resources,
  pageRuntime,
}: {
  app: { id: string; name: string };
  pages: PageSummary[];
  functions: FunctionSummary[];
  selected: FunctionDetail | null;
  resources: ResourceOption[];
  /** The page open in the page editor when no function is. */
  pageRuntime: AppRuntime | null;
}) {
  const router = useRouter();
  const [tab, setTab] = useState<"pages" | "code">(selected ? "code" : "pages");
  const [sharing, setSharing] = useState(false);
  return (
    <div className="flex h-screen flex-col">
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4">
        <Link href="/" className="text-sm text-slate-500 hover:text-slate-900">
          ← Apps
        </Link>
        <span className="text-slate-300">/</span>
        <h1 className="font-semibold" data-testid="app-title">
          {app.name}
        </h1>
        <Link href={`/resources?app=${app.id}`} className="ml-auto text-sm text-slate-600 hover:text-slate-900">
          Resources
        </Link>
        <Button onClick={() => setSharing(true)} aria-haspopup="dialog">
          Share
        </Button>
      </header>
      {sharing ? <ShareDialog appId={app.id} appName={app.name} onClose={() => setSharing(false)} /> : null}
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-72 shrink-0 flex-col border-r border-slate-200 bg-white">
          <div role="tablist" aria-label="Editor panels" className="flex border-b border-slate-200 px-2">
            {(["pages", "code"] as const).map((t) => (
              <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}
                className={`px-3 py-2 text-sm capitalize ${tab === t ? "border-b-2 border-indigo-600 font-medium text-indigo-700" : "text-slate-600"}`}>
                {t === "code" ? "Code" : "Pages"}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={tab === "code" ? "Code" : "Pages"} className="min-h-0 flex-1 overflow-y-auto">
            {tab === "code" ? (
              <CodeTab appId={app.id} pages={pages} functions={functions} selectedId={selected?.id ?? null} />
            ) : (
              <PagesTab appId={app.id} pages={pages} selectedPageId={selected ? null : pageRuntime?.page.id ?? null} />
            )}
          </div>
        </aside>
        <main className="min-w-0 flex-1 overflow-hidden">
          {selected ? (
            <FunctionEditor
              key={selected.id}
              fnId={selected.id}
              name={selected.name}
              definition={selected.definition}
              version={selected.currentVersion}
              resources={resources}
              functions={functions.map((f) => ({ id: f.id, name: f.name }))}
              onVersion={() => router.refresh()}
            />
          ) : pageRuntime ? (
            <PageEditor key={pageRuntime.page.id} runtime={pageRuntime} allPages={pages} />
          ) : null}
        </main>
      </div>
    </div>
  );
}
