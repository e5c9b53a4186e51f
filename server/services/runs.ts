import { ListRunsQuery, RunSource } from "@/engine/contract/runs";
import type { Db } from "../db/client";
import { readRunDocuments } from "../storage/runs";
import { parseInput } from "./errors";

// The stored shape of a run (capped documents, version) lives in server/storage/runs.ts.
export { RunSource };

/** One page of a function's runs, newest first, filtered (`user`: only that person's runs), each with who ran it and from where. */
export async function listRuns(db: Db, functionId: string, query: unknown) {
  const q = parseInput(ListRunsQuery, query);
  const before = q.before ? await db.run.findUnique({ where: { id: q.before }, select: { startedAt: true } }) : null;
  const rows = await db.run.findMany({
    where: {
      functionId,
      ...(q.status ? { status: q.status } : {}),
      ...(q.source ? { source: q.source } : {}),
      ...(q.user ? { userId: q.user } : {}),
      ...(before ? { startedAt: { lt: before.startedAt } } : {}),
    },
    orderBy: { startedAt: "desc" },
    take: q.limit,
    select: {
      id: true,
      status: true,
      source: true,
      errorCode: true,
      durationMs: true,
      startedAt: true,
      functionVersion: true,
      userId: true,
      userEmail: true,
      pageId: true,
      trigger: true,
    },
  });
  const pageIds = [...new Set(rows.flatMap((r) => (r.pageId ? [r.pageId] : [])))];
  const pages = pageIds.length ? await db.page.findMany({ where: { id: { in: pageIds } }, select: { id: true, name: true } }) : [];
  const pageName = new Map(pages.map((p) => [p.id, p.name]));
  return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), pageName: r.pageId ? (pageName.get(r.pageId) ?? null) : null }));
}

/** Everyone who appears in a function's runs (by the email the run recorded), for the Logs tab's filter. */
export async function runPeople(db: Db, functionId: string): Promise<Array<{ id: string; email: string }>> {
  const groups = await db.run.groupBy({
    by: ["userId", "userEmail"],
    where: { functionId, userId: { not: null } },
    orderBy: { userEmail: "asc" },
  });
  const seen = new Set<string>();
  const people: Array<{ id: string; email: string }> = [];
  for (const g of groups) {
    if (!g.userId || seen.has(g.userId)) continue;
    seen.add(g.userId);
    people.push({ id: g.userId, email: g.userEmail ?? g.userId });
  }
  return people;
}

export async function getRun(db: Db, functionId: string, runId: string) {
  const r = await db.run.findFirst({ where: { id: runId, functionId } });
  if (!r) return null;
  const { input, output, error, trace, logs } = readRunDocuments(r);
  return {
    id: r.id,
    functionId: r.functionId,
    functionVersion: r.functionVersion,
    status: r.status,
    source: r.source,
    input,
    output,
    error,
    trace,
    logs,
    durationMs: r.durationMs,
    startedAt: r.startedAt.toISOString(),
    userEmail: r.userEmail,
    pageId: r.pageId,
    trigger: r.trigger,
  };
}
