import { CreateAppInput, RenameAppInput, type AppSummary } from "@/engine/contract/apps";
import { appAccess, openableAppIds } from "../auth/app-access";
import type { Caller } from "../auth/caller";
import type { Db } from "../db/client";
import { emptyPageTreeColumns } from "../storage/pages";
import { ServiceError, parseInput } from "./errors";
import { defaultWorkspaceId } from "./workspaces";

function nameKey(name: string): string {
  return name.toLocaleLowerCase("en");
}

async function assertNameFree(db: Db, workspaceId: string, name: string, exceptId?: string) {
  const clash = await db.app.findUnique({
    where: { workspaceId_nameKey: { workspaceId, nameKey: nameKey(name) } },
    select: { id: true },
  });
  if (clash && clash.id !== exceptId) {
    throw new ServiceError("CONFLICT", `An app named "${name}" already exists`, { field: "name" });
  }
}

/**
 * The apps a person may open, newest first, each with what they may do with it; every app (as
 * `edit`) when no caller is given (the server's own uses, tests).
 */
export async function listApps(db: Db, caller?: Caller | null): Promise<AppSummary[]> {
  const workspaceId = await defaultWorkspaceId(db);
  const only = caller ? await openableAppIds(db, caller) : null;
  const apps = await db.app.findMany({
    where: { workspaceId, ...(only ? { id: { in: [...only] } } : {}) },
    orderBy: { updatedAt: "desc" },
    include: { _count: { select: { functions: true, pages: true } } },
  });
  const access = new Map<string, "use" | "edit">();
  for (const a of apps) access.set(a.id, caller ? ((await appAccess(db, caller, a.id)) ?? "use") : "edit");
  return apps.map((a) => ({
    id: a.id,
    access: access.get(a.id) ?? "use",
    name: a.name,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    functionCount: a._count.functions,
    pageCount: a._count.pages,
  }));
}

export async function getApp(db: Db, appId: string) {
  const app = await db.app.findUnique({ where: { id: appId } });
  if (!app) throw new ServiceError("NOT_FOUND", "App not found");
  return app;
}

/** Creates an app with one page, `page1`, so functions can be scoped to it right away. */
export async function createApp(db: Db, input: unknown, createdById: string | null = null) {
  const { name } = parseInput(CreateAppInput, input);
  const workspaceId = await defaultWorkspaceId(db);
  await assertNameFree(db, workspaceId, name);
  return db.app.create({
    data: { workspaceId, name, nameKey: nameKey(name), createdById, pages: { create: { name: "page1", position: 0, ...emptyPageTreeColumns() } } },
  });
}

export async function renameApp(db: Db, appId: string, input: unknown) {
  const { name } = parseInput(RenameAppInput, input);
  const app = await getApp(db, appId);
  await assertNameFree(db, app.workspaceId, name, appId);
  return db.app.update({ where: { id: appId }, data: { name, nameKey: nameKey(name) } });
}

/** Answers what was deleted (its name), for the audit log. */
export async function deleteApp(db: Db, appId: string): Promise<{ name: string }> {
  const app = await getApp(db, appId);
  await db.app.delete({ where: { id: appId } });
  return { name: app.name };
}

/** Marks the app as edited now (the home page sorts and shows "last edited" by it). */
export async function touchApp(db: Db, appId: string): Promise<void> {
  await db.app.update({ where: { id: appId }, data: { updatedAt: new Date() } });
}
