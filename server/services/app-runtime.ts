import { CurrentUser } from "@/engine/contract";
import type { AppRuntime, RuntimeFunction } from "@/engine/pages";
import type { Db } from "../db/client";
import { readDefinition } from "../storage/functions";
import { readPageTree } from "../storage/pages";
import { getApp } from "./apps";
import { ServiceError } from "./errors";
import { listPages } from "./pages";

/**
 * What the app's user view (and the page editor) needs to run one page: its tree, the app's
 * pages for navigation, the global functions plus this page's own, and `currentUser`, the
 * person the caller (the session) says is looking (null: no one signed in). The blocks of a
 * function stay on the server.
 */
export async function appRuntime(db: Db, appId: string, pageName?: string, currentUser: CurrentUser | null = null): Promise<AppRuntime> {
  const app = await getApp(db, appId);
  const pages = await listPages(db, appId);
  const summary = (pageName ? pages.find((p) => p.name === pageName) : undefined) ?? pages[0];
  if (!summary) throw new ServiceError("NOT_FOUND", "This app has no pages");
  const page = await db.page.findUniqueOrThrow({ where: { id: summary.id } });
  const rows = await db.function.findMany({ where: { appId, OR: [{ pageId: null }, { pageId: page.id }] }, orderBy: { name: "asc" } });
  const functions: RuntimeFunction[] = [];
  for (const f of rows) {
    const loaded = readDefinition(f.definition);
    if (!loaded.ok) continue; // an invalid stored definition cannot run; the editor shows it
    const { runBehavior, runOnPageLoad, params, events } = loaded.definition;
    functions.push({ id: f.id, name: f.name, definition: { runBehavior, runOnPageLoad, params, events } });
  }
  return {
    app: { id: app.id, name: app.name },
    pages: pages.map((p) => ({ id: p.id, name: p.name })),
    page: { id: page.id, name: page.name, revision: page.revision, tree: readPageTree(page) },
    functions,
    // Exactly the schema's fields: whatever else the caller's object holds stays on the server.
    currentUser: currentUser ? CurrentUser.parse(currentUser) : null,
  };
}
