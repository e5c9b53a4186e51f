import type { Db } from "../db/client";

export const DEFAULT_WORKSPACE_NAME = "Default workspace";

/** Lathe has one workspace until multi-tenancy lands; every app belongs to it. */
export async function defaultWorkspaceId(db: Db): Promise<string> {
  const existing = await db.workspace.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  if (existing) return existing.id;
  const created = await db.workspace.create({ data: { name: DEFAULT_WORKSPACE_NAME } });
  return created.id;
}
