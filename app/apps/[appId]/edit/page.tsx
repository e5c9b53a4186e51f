import { notFound } from "next/navigation";
import { Refused } from "@/components/auth/refused";
import { EditorShell } from "@/components/editor/editor-shell";
import { pageAppAccess } from "@/server/http/page-access";
import { getDb } from "@/server/db/client";
import { ServiceError } from "@/server/services/errors";
import { getApp } from "@/server/services/apps";
import { getFunction, listFunctions } from "@/server/services/functions";
import { resourceDeps } from "@/server/runtime/engine";
import { listResources } from "@/server/services/resources";
import { appRuntime } from "@/server/services/app-runtime";
import { listPages } from "@/server/services/pages";

export const dynamic = "force-dynamic";

async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ServiceError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export default async function AppEditorPage({
  params,
  searchParams,
}: {
  params: Promise<{ appId: string }>;
  searchParams: Promise<{ fn?: string; page?: string }>;
}) {
  const { appId } = await params;
  const { fn, page } = await searchParams;
  const { access, caller } = await pageAppAccess(appId, `/apps/${appId}/edit`);
  if (access !== "edit") {
    return <Refused title="You can use this app, not edit it" reason="Ask its owner or an admin for edit access." href={`/apps/${appId}`} linkText="Open the app" />;
  }
  const db = getDb();
  const app = await orNotFound(getApp(db, appId));
  const [pages, functions, resources] = await Promise.all([
    listPages(db, appId),
    listFunctions(db, appId),
    listResources(resourceDeps(db)),
  ]);
  const selectedId = fn && functions.some((f) => f.id === fn) ? fn : null;
  const selected = selectedId ? await getFunction(db, selectedId) : null;
  const pageName = pages.find((p) => p.id === page)?.name;
  const pageRuntime = selected ? null : await appRuntime(db, appId, pageName, caller.user);
  return (
    <EditorShell
      app={{ id: app.id, name: app.name }}
      pages={pages}
      functions={functions}
      selected={selected}
      resources={resources.map((r) => ({ id: r.id, name: r.name, kind: r.kind }))}
      pageRuntime={pageRuntime}
    />
  );
}
