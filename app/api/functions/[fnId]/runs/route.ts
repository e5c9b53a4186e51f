import { FunctionParams } from "@/engine/contract/functions";
import { ListRunsQuery, RunListResponse } from "@/engine/contract/runs";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { runWriter } from "@/server/runtime/engine";
import { getFunction } from "@/server/services/functions";
import { listRuns, runPeople } from "@/server/services/runs";

/** Past runs, newest first; `?status=ok|error&source=test|app|api&user=<userId>&limit=&before=<runId>`; and who ran the function. */
export const GET = route({ params: FunctionParams, query: ListRunsQuery, response: RunListResponse, access: "appEdit" }, async ({ params, query }) => {
  await getFunction(getDb(), params.fnId);
  await runWriter(getDb()).flushForRead();
  const [runs, people] = await Promise.all([listRuns(getDb(), params.fnId, query), runPeople(getDb(), params.fnId)]);
  return { runs, people };
});
