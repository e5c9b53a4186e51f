"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { CodeTab } from "./code-tab";
import { FunctionEditor } from "./function-editor";
import type { ResourceOption } from "./inspector/query-form";
import type { FunctionItem, PageItem, SelectedFunction } from "./types";

/** The app editor: a left panel of tabs (Code for now) and a main area. */
export function EditorShell({
  app,
  pages,
  functions,
  selected,
  resources,
}: {
  app: { id: string; name: string };
  pages: PageItem[];
  functions: FunctionItem[];
  selected: SelectedFunction | null;
  resources: ResourceOption[];
}) {
  const router = useRouter();
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
      </header>
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-72 shrink-0 flex-col border-r border-slate-200 bg-white">
          <div role="tablist" aria-label="Editor panels" className="flex border-b border-slate-200 px-2">
            <button
              role="tab"
              aria-selected="true"
              className="border-b-2 border-indigo-600 px-3 py-2 text-sm font-medium text-indigo-700"
            >
              Code
            </button>
          </div>
          <div role="tabpanel" aria-label="Code" className="min-h-0 flex-1 overflow-y-auto">
            <CodeTab appId={app.id} pages={pages} functions={functions} selectedId={selected?.id ?? null} />
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
          ) : (
            <div className="flex h-full items-center justify-center p-10 text-center">
              <div>
                <p className="font-medium">{functions.length ? "Select a function" : "No functions yet"}</p>
                <p className="mt-1 max-w-sm text-sm text-slate-600">
                  {functions.length
                    ? "Pick a function in the Code tab to see its parameters, blocks and versions."
                    : "Create one with + next to Global or a page in the Code tab. Functions run on the server and hand JSON to your pages."}
                </p>
              </div>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
