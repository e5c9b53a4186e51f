import { RunParams, RunResponse, readStoredRun } from "@/engine/contract/runs";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { runWriter } from "@/server/runtime/engine";
import { ServiceError } from "@/server/services/errors";
import { getRun } from "@/server/services/runs";

export const GET = route({ params: RunParams, response: RunResponse, access: "appEdit" }, async ({ params }) => {
  await runWriter(getDb()).flushForRead();
  const run = await getRun(getDb(), params.fnId, params.runId);
  if (!run) throw new ServiceError("NOT_FOUND", "Run not found");
  // Stored documents are read leniently (older runs, capped documents): see StoredRun.
  return { run: readStoredRun(run) };
});
