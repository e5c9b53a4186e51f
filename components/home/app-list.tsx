"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { AppResponse, type AppSummary } from "@/engine/contract/apps";
import { NoContent } from "@/engine/contract/common";
import { api } from "../ui/api";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { InlineNameForm } from "../ui/inline-name-form";
import { relativeTime } from "../ui/relative-time";
import { useConfirm } from "../ui/use-confirm";

export function AppList({ apps, now, canCreate = true }: { apps: AppSummary[]; now: number; canCreate?: boolean }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const deleting = useConfirm<AppSummary>(async (app) => {
    await api(NoContent, `/api/apps/${app.id}`, { method: "DELETE" });
    router.refresh();
  });

  async function create(name: string) {
    const { app } = await api(AppResponse, "/api/apps", { method: "POST", body: { name } });
    setCreating(false);
    router.push(`/apps/${app.id}/edit`);
  }

  async function rename(id: string, name: string) {
    await api(AppResponse, `/api/apps/${id}`, { method: "PATCH", body: { name } });
    setRenaming(null);
    router.refresh();
  }

  return (
    <section aria-labelledby="apps-heading">
      <div className="mb-4 flex items-center justify-between">
        <h2 id="apps-heading" className="text-lg font-semibold">
          Apps
        </h2>
        {canCreate && !creating ? (
          <Button variant="primary" onClick={() => setCreating(true)}>
            New app
          </Button>
        ) : null}
      </div>

      {creating ? (
        <div className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
          <InlineNameForm
            label="App name"
            placeholder="e.g. Customer support"
            submitLabel="Create app"
            onSubmit={create}
            onCancel={() => setCreating(false)}
            testId="create-app-form"
          />
        </div>
      ) : null}

      {apps.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">No apps yet</p>
          <p className="mt-1 text-sm text-slate-600">
            {canCreate
              ? "Create an app, then add functions in its Code tab: typed parameters, a canvas of blocks, and a Test button."
              : "No app has been shared with you yet. Ask an editor to share one."}
          </p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="app-list">
          {apps.map((app) => (
            <li key={app.id} className="flex items-center gap-4 px-4 py-3" data-app-name={app.name}>
              {renaming === app.id ? (
                <div className="flex-1">
                  <InlineNameForm
                    initial={app.name}
                    label="New app name"
                    submitLabel="Save"
                    onSubmit={(name) => rename(app.id, name)}
                    onCancel={() => setRenaming(null)}
                    testId="rename-app-form"
                  />
                </div>
              ) : (
                <>
                  <div className="min-w-0 flex-1">
                    <Link href={app.access === "edit" ? `/apps/${app.id}/edit` : `/apps/${app.id}`} className="font-medium text-indigo-700 hover:underline">
                      {app.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      Last edited {relativeTime(app.updatedAt, now)} · {app.functionCount} function
                      {app.functionCount === 1 ? "" : "s"} · {app.pageCount} page{app.pageCount === 1 ? "" : "s"}
                    </p>
                  </div>
                  {app.access === "edit" && (
                  <>
                  <Button variant="ghost" onClick={() => setRenaming(app.id)} aria-label={`Rename ${app.name}`}>
                    Rename
                  </Button>
                  <Button
                    variant="ghost"
                    className="text-red-700"
                    onClick={() => deleting.ask(app)}
                    aria-label={`Delete ${app.name}`}
                  >
                    Delete
                  </Button>
                  </>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      {deleting.target ? (
        <ConfirmDialog
          title={`Delete "${deleting.target.name}"?`}
          message="Its pages, functions, versions and run history are deleted too. This cannot be undone."
          confirmLabel="Delete app"
          busy={deleting.busy}
          error={deleting.error}
          onConfirm={() => void deleting.confirm()}
          onCancel={deleting.cancel}
        />
      ) : null}
    </section>
  );
}
