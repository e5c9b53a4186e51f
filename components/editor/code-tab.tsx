"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { api } from "../ui/api";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { InlineNameForm } from "../ui/inline-name-form";
import { useConfirm } from "../ui/use-confirm";
import { NoContent } from "@/engine/contract/common";
import { FunctionResponse, type FunctionSummary } from "@/engine/contract/functions";
import type { PageSummary } from "@/engine/contract/pages";

interface Scope {
  key: string;
  label: string;
  pageId: string | null;
}

/** The Code tab: functions grouped by scope (global, then each page), with create, rename, delete. */
export function CodeTab({
  appId,
  pages,
  functions,
  selectedId,
}: {
  appId: string;
  pages: PageSummary[];
  functions: FunctionSummary[];
  selectedId: string | null;
}) {
  const router = useRouter();
  const [query, setQuery] = useState("");
  const [creatingIn, setCreatingIn] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const deleting = useConfirm<FunctionSummary>(async (fn) => {
    await api(NoContent, `/api/functions/${fn.id}`, { method: "DELETE" });
    if (fn.id === selectedId) router.push(`/apps/${appId}/edit`);
    router.refresh();
  });

  const scopes: Scope[] = useMemo(
    () => [
      { key: "global", label: "Global", pageId: null },
      ...pages.map((p) => ({ key: p.id, label: `Page: ${p.name}`, pageId: p.id })),
    ],
    [pages],
  );
  const q = query.trim().toLowerCase();
  const visible = (scope: Scope) =>
    functions.filter((f) => f.pageId === scope.pageId && (!q || f.name.toLowerCase().includes(q)));

  async function create(scope: Scope, name: string) {
    const { function: fn } = await api(FunctionResponse, `/api/apps/${appId}/functions`, {
      method: "POST",
      body: { name, pageId: scope.pageId },
    });
    setCreatingIn(null);
    router.push(`/apps/${appId}/edit?fn=${fn.id}`);
    router.refresh();
  }

  async function rename(fn: FunctionSummary, name: string) {
    await api(FunctionResponse, `/api/functions/${fn.id}`, { method: "PATCH", body: { name } });
    setRenaming(null);
    router.refresh();
  }

  async function duplicate(fn: FunctionSummary) {
    const { function: copy } = await api(FunctionResponse, `/api/functions/${fn.id}/duplicate`, { method: "POST" });
    router.push(`/apps/${appId}/edit?fn=${copy.id}`);
    router.refresh();
  }

  return (
    <div className="p-3" data-testid="code-tab">
      <input
        type="search"
        aria-label="Search functions"
        placeholder="Search functions"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="mb-3 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm outline-none focus:border-indigo-500"
      />
      {scopes.map((scope) => {
        const items = visible(scope);
        return (
          <section key={scope.key} className="mb-4" data-scope={scope.key} aria-label={scope.label}>
            <div className="mb-1 flex items-center justify-between">
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{scope.label}</h3>
              <Button
                variant="ghost"
                className="px-2 py-0.5"
                aria-label={`New function in ${scope.label}`}
                title="New function"
                onClick={() => setCreatingIn(scope.key)}
              >
                +
              </Button>
            </div>
            {creatingIn === scope.key ? (
              <div className="mb-2">
                <InlineNameForm
                  label="Function name"
                  placeholder="getCustomers"
                  submitLabel="Create"
                  onSubmit={(name) => create(scope, name)}
                  onCancel={() => setCreatingIn(null)}
                  testId="create-function-form"
                />
              </div>
            ) : null}
            {items.length === 0 ? (
              <p className="px-2 py-1 text-xs text-slate-400">
                {q ? "No match" : "No functions. Use + to create one."}
              </p>
            ) : (
              <ul>
                {items.map((fn) =>
                  renaming === fn.id ? (
                    <li key={fn.id} className="py-1">
                      <InlineNameForm
                        initial={fn.name}
                        label="New function name"
                        submitLabel="Save"
                        onSubmit={(name) => rename(fn, name)}
                        onCancel={() => setRenaming(null)}
                        testId="rename-function-form"
                      />
                    </li>
                  ) : (
                    <li
                      key={fn.id}
                      data-function-name={fn.name}
                      className={`group flex items-center rounded-md ${fn.id === selectedId ? "bg-indigo-50" : "hover:bg-slate-100"}`}
                    >
                      <Link
                        href={`/apps/${appId}/edit?fn=${fn.id}`}
                        className="min-w-0 flex-1 truncate px-2 py-1.5 font-mono text-sm"
                        aria-current={fn.id === selectedId ? "page" : undefined}
                      >
                        {fn.name}
                      </Link>
                      <span className="hidden gap-0.5 pr-1 group-focus-within:flex group-hover:flex">
                        <button
                          className="rounded px-1.5 text-xs text-slate-500 hover:bg-slate-200"
                          aria-label={`Rename ${fn.name}`}
                          onClick={() => setRenaming(fn.id)}
                        >
                          Rename
                        </button>
                        <button
                          className="rounded px-1.5 text-xs text-slate-500 hover:bg-slate-200"
                          aria-label={`Duplicate ${fn.name}`}
                          onClick={() => void duplicate(fn)}
                        >
                          Duplicate
                        </button>
                        <button
                          className="rounded px-1.5 text-xs text-red-600 hover:bg-red-100"
                          aria-label={`Delete ${fn.name}`}
                          onClick={() => deleting.ask(fn)}
                        >
                          Delete
                        </button>
                      </span>
                    </li>
                  ),
                )}
              </ul>
            )}
          </section>
        );
      })}
      {deleting.target ? (
        <ConfirmDialog
          title={`Delete function "${deleting.target.name}"?`}
          message="Its versions and run history are deleted too. Pages that run it will fail until you fix them."
          confirmLabel="Delete function"
          busy={deleting.busy}
          error={deleting.error}
          onConfirm={() => void deleting.confirm()}
          onCancel={deleting.cancel}
        />
      ) : null}
    </div>
  );
}
