import { FunctionParams, FunctionResponse } from "@/engine/contract/functions";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { duplicateFunction } from "@/server/services/functions";

export const POST = route({ params: FunctionParams, response: FunctionResponse, access: "appEdit" }, async ({ req, caller, params }) => {
  const copy = await duplicateFunction(getDb(), params.fnId);
  await auditFrom(req, caller).record({ action: "function.duplicate", targetType: "function", targetId: copy.id, detail: { name: copy.name, copyOf: params.fnId } });
  return { function: copy };
});
