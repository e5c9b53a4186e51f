import { ListRunsQuery, RunSource } from "@/engine/contract/runs";
import type { Db } from "../db/client";
import { readRunDocuments } from "../storage/runs";
import { parseInput } from "./errors";

// The stored shape of a run (capped documents, version) lives in server/storage/runs.ts.
export { RunSource };

export async function listRuns(db: Db, functionId: string, query: unknown) {
  const q = parseInput(ListRunsQuery, query);
  const before = q.before ? await db.run.findUnique({ where: { id: q.before }, select: { startedAt: true } }) : null;
  const rows = await db.run.findMany({
    where: {
      functionId,
      ...(q.status ? { status: q.status } : {}),
      ...(q.source ? { source: q.source } : {}),
      ...(before ? { startedAt: { lt: before.startedAt } } : {}),
    },
    orderBy: { startedAt: "desc" },
    take: q.limit,
    select: { id: true, status: true, source: true, errorCode: true, durationMs: true, startedAt: true, functionVersion: true },
  });
  return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString() }));
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
  };
}
