import type { Db } from "../db/client";
import { ServiceError } from "./errors";

export interface PageSummary {
  id: string;
  name: string;
  position: number;
}

export async function listPages(db: Db, appId: string): Promise<PageSummary[]> {
  return db.page.findMany({
    where: { appId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, position: true },
  });
}

export async function getPageOfApp(db: Db, appId: string, pageId: string) {
  const page = await db.page.findFirst({ where: { id: pageId, appId } });
  if (!page) throw new ServiceError("NOT_FOUND", "Page not found in this app", { field: "pageId" });
  return page;
}
