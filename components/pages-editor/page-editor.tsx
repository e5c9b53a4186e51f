"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ComponentType, type AppRuntime, type PageTree } from "@/engine/pages";
import { PageView } from "../app-view/page-view";
import { usePageContext } from "../app-view/use-page-context";
import type { ScopeName } from "../editor/inspector/code-editor";
import { useLeaveGuard } from "../editor/use-shortcuts";
import type { AppState } from "../runtime/app-state";
import type { PageRuntimeHandle } from "../runtime/use-page-runtime";
import { PageDetailResponse, SavedTreeResponse } from "@/engine/contract/pages";
import { CurrentUser } from "@/engine/contract/current-user";
import { ServerFunctionError, api, errorMessage } from "../ui/api";
import { Button } from "../ui/button";
import type { ActionContext } from "./action-editor";
import { ComponentInspector } from "./component-inspector";
import { PageSettings } from "./page-settings";
import { addComponent, removeComponent, renameComponent, setLayout } from "./tree-ops";

const LABELS: Record<ComponentType, string> = {
  button: "Button", text: "Text", textInput: "Text input", numberInput: "Number input", select: "Select", checkbox: "Checkbox",
  datePicker: "Date picker", table: "Table", json: "JSON viewer", container: "Container", form: "Form",
};

function useLiveState(runtime: PageRuntimeHandle | null): AppState | null {
  const [state, setState] = useState<AppState | null>(null);
  useEffect(() => {
    if (!runtime) return;
    setState(runtime.store.get());
    return runtime.store.subscribe(() => setState(runtime.store.get()));
  }, [runtime]);
  return state;
}

/** The page editor: a palette, the page running live on its grid (select, move, resize), the inspector, Preview and Save. */
export function PageEditor({ runtime, allPages }: { runtime: AppRuntime; allPages: Array<{ id: string; name: string }> }) {
  const page = runtime.page;
  const [tree, setTreeState] = useState<PageTree>(page.tree);
  const [saved, setSaved] = useState<PageTree>(page.tree);
  const [revision, setRevision] = useState(page.revision);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean } | null>(null);
  const [live, setLive] = useState<PageRuntimeHandle | null>(null);
  const state = useLiveState(live);
  const dirty = tree !== saved;
  useLeaveGuard(dirty);
  const { ctx, overlay } = usePageContext(() => undefined);

  const functionNames = useMemo(() => new Set(runtime.functions.map((f) => f.name)), [runtime.functions]);
  const setTree = (t: PageTree) => setTreeState(t);
  const selected = tree.components.find((c) => c.id === selectedId) ?? null;
  const names: ScopeName[] = useMemo(() => [
    ...runtime.functions.map((f) => ({ name: f.name, detail: "function", fields: ["data", "error", "isFetching", "lastRunAt"] })),
    ...tree.components.map((c) => ({ name: c.name, detail: c.type, fields: Object.keys(state?.components[c.name] ?? {}) })),
    { name: "url", detail: "page URL", fields: ["query"] }, { name: "page", detail: "this page", fields: ["name"] },
    { name: "currentUser", detail: "signed-in person (null if none)", fields: Object.keys(CurrentUser.shape) },
  ], [runtime.functions, tree.components, state]);
  const actionCtx: ActionContext = useMemo(() => ({
    functions: runtime.functions.map((f) => ({ name: f.name, params: f.definition.params.map((p) => p.name) })),
    components: tree.components.map((c) => c.name),
    pages: allPages.map((p) => p.name),
  }), [runtime.functions, tree.components, allPages]);

  const save = useCallback(async () => {
    setError(null);
    try {
      const r = await api(SavedTreeResponse, `/api/pages/${page.id}/tree`, { method: "PUT", body: { tree, baseRevision: revision } });
      setRevision(r.revision);
      setSaved(tree);
    } catch (err) {
      setError({ message: errorMessage(err), conflict: err instanceof ServerFunctionError && err.code === "STALE_VERSION" });
    }
  }, [page.id, tree, revision]);
  const reload = async () => {
    const { page: fresh } = await api(PageDetailResponse, `/api/pages/${page.id}`);
    setTreeState(fresh.tree);
    setSaved(fresh.tree);
    setRevision(fresh.revision);
    setError(null);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  const add = (type: ComponentType) => {
    const parent = selected && (selected.type === "container" || selected.type === "form") ? selected.id : undefined;
    const r = addComponent(tree, type, { parentId: parent, taken: functionNames });
    if (r.ok) {
      setTree(r.tree);
      setSelectedId(r.id ?? null);
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="page-editor" data-page-name={page.name}>
      <div className="flex items-center gap-2 border-b border-slate-200 bg-white px-4 py-2">
        <h2 className="text-lg font-semibold">Page: {page.name}</h2>
        {dirty ? <span className="text-xs text-amber-700" data-testid="page-unsaved">● Unsaved changes</span> : <span className="text-xs text-slate-400" data-testid="page-saved">Saved</span>}
        <div className="ml-auto flex items-center gap-2">
          <Link href={`/apps/${runtime.app.id}?page=${encodeURIComponent(page.name)}`} target="_blank" className="text-sm text-indigo-700 hover:underline">Open app ↗</Link>
          <Button aria-pressed={preview} onClick={() => { setPreview((p) => !p); setSelectedId(null); }}>{preview ? "Back to editing" : "Preview"}</Button>
          <Button variant="primary" onClick={() => void save()} aria-keyshortcuts="Control+S">Save page</Button>
        </div>
      </div>
      {error ? (
        <div role="alert" className="flex items-center gap-3 bg-red-50 px-4 py-2 text-sm text-red-800" data-testid="page-save-error">
          {error.message}
          {error.conflict ? <Button onClick={() => void reload()}>Reload latest</Button> : null}
        </div>
      ) : null}
      {!preview ? (
        <div className="flex gap-1 overflow-x-auto border-b border-slate-200 bg-white px-3 py-1.5" role="toolbar" aria-label="Add a component">
          {ComponentType.options.map((t) => (
            <button key={t} type="button" data-add-component={t} onClick={() => add(t)} className="shrink-0 whitespace-nowrap rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100">
              + {LABELS[t]}
            </button>
          ))}
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1">
        <div className="min-w-0 flex-1 overflow-auto bg-slate-50 p-4">
          <div className="mx-auto max-w-5xl rounded-lg border border-slate-200 bg-white p-3">
            {tree.components.length === 0 && !preview ? (
              <p className="p-6 text-center text-sm text-slate-500">An empty page. Add components from the bar above, then bind them to functions with {"{{ }}"}.</p>
            ) : null}
            <PageView
              key={preview ? "preview" : "edit"}
              tree={tree}
              appFunctions={runtime.functions}
              pageId={page.id}
              pageName={page.name}
              urlQuery={{}}
              currentUser={runtime.currentUser ?? null}
              ctx={ctx}
              onRuntime={setLive}
              editing={preview ? undefined : { selectedId, onSelect: setSelectedId, onLayout: (id, layout) => setTree(setLayout(tree, id, layout)) }}
            />
          </div>
        </div>
        {!preview ? (
          <aside className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-3">
            {selected ? (
              <ComponentInspector
                key={selected.id}
                component={selected}
                tree={tree}
                onTree={setTree}
                state={state}
                names={names}
                actionCtx={actionCtx}
                onRename={(n) => {
                  const r = renameComponent(tree, selected.id, n, functionNames);
                  if (!r.ok) return r.reason;
                  setTree(r.tree);
                  return null;
                }}
                onDelete={() => { setTree(removeComponent(tree, selected.id)); setSelectedId(null); }}
                onClose={() => setSelectedId(null)}
              />
            ) : (
              <PageSettings tree={tree} functions={runtime.functions} onTree={setTree} state={state} />
            )}
          </aside>
        ) : null}
      </div>
      {overlay}
    </div>
  );
}
