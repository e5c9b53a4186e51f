import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { runWriter } from "@/server/runtime/engine";
import { ServiceError } from "@/server/services/errors";
import { getRun } from "@/server/services/runs";

type P = { fnId: string; runId: string };
export const GET = route<P>(async (_req, { fnId, runId }) => {
  await runWriter(getDb()).flush();
  const run = await getRun(getDb(), fnId, runId);
  if (!run) throw new ServiceError("NOT_FOUND", "Run not found");
  return { run };
});
