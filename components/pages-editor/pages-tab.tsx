"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { NoContent } from "@/engine/contract/common";
import { PageResponse, type PageSummary } from "@/engine/contract/pages";
import { api } from "../ui/api";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { InlineNameForm } from "../ui/inline-name-form";
import { useConfirm } from "../ui/use-confirm";

/** The app's pages: open one to edit it, add, rename, reorder, delete. */
export function PagesTab({ appId, pages, selectedPageId }: { appId: string; pages: PageSummary[]; selectedPageId: string | null }) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const deleting = useConfirm<PageSummary>(async (page) => {
    await api(NoContent, `/api/pages/${page.id}`, { method: "DELETE" });
    if (page.id === selectedPageId) router.push(`/apps/${appId}/edit`);
    router.refresh();
  });

  async function add(name: string) {
    const { page } = await api(PageResponse, `/api/apps/${appId}/pages`, { method: "POST", body: { name } });
    setAdding(false);
    router.push(`/apps/${appId}/edit?page=${page.id}`);
    router.refresh();
  }
  async function patch(id: string, body: Record<string, unknown>) {
    await api(PageResponse, `/api/pages/${id}`, { method: "PATCH", body });
    setRenaming(null);
    router.refresh();
  }
  return (
    <div className="p-3" data-testid="pages-tab">
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Pages</h3>
        <Button variant="ghost" className="px-2 py-0.5" aria-label="New page" onClick={() => setAdding(true)}>+</Button>
      </div>
      {adding ? <div className="mb-2"><InlineNameForm label="Page name" placeholder="orders" submitLabel="Add" onSubmit={add} onCancel={() => setAdding(false)} testId="create-page-form" /></div> : null}
      <ul>
        {pages.map((p, i) =>
          renaming === p.id ? (
            <li key={p.id} className="py-1">
              <InlineNameForm initial={p.name} label="New page name" submitLabel="Save" onSubmit={(name) => patch(p.id, { name })} onCancel={() => setRenaming(null)} testId="rename-page-form" />
            </li>
          ) : (
            <li key={p.id} data-page-name={p.name} className={`group flex items-center rounded-md ${p.id === selectedPageId ? "bg-indigo-50" : "hover:bg-slate-100"}`}>
              <Link href={`/apps/${appId}/edit?page=${p.id}`} className="min-w-0 flex-1 truncate px-2 py-1.5 text-sm" aria-current={p.id === selectedPageId ? "page" : undefined}>
                {p.name}
              </Link>
              <span className="hidden gap-0.5 pr-1 group-focus-within:flex group-hover:flex">
                <button className="px-1 text-xs text-slate-500 disabled:opacity-30" disabled={i === 0} aria-label={`Move ${p.name} up`} onClick={() => void patch(p.id, { position: i - 1 })}>↑</button>
                <button className="px-1 text-xs text-slate-500 disabled:opacity-30" disabled={i === pages.length - 1} aria-label={`Move ${p.name} down`} onClick={() => void patch(p.id, { position: i + 1 })}>↓</button>
                <button className="rounded px-1.5 text-xs text-slate-500 hover:bg-slate-200" aria-label={`Rename ${p.name}`} onClick={() => setRenaming(p.id)}>Rename</button>
                <button className="rounded px-1.5 text-xs text-red-600 hover:bg-red-100" aria-label={`Delete ${p.name}`} onClick={() => deleting.ask(p)}>Delete</button>
              </span>
            </li>
          ),
        )}
      </ul>
      {deleting.target ? (
        <ConfirmDialog
          title={`Delete page "${deleting.target.name}"?`}
          message="Its components and their event handlers are deleted. Functions scoped to it are deleted too."
          confirmLabel="Delete page"
          busy={deleting.busy}
          error={deleting.error}
          onConfirm={() => void deleting.confirm()}
          onCancel={deleting.cancel}
        />
      ) : null}
    </div>
  );
}
