import { FunctionParams, FunctionResponse } from "@/engine/contract/functions";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { duplicateFunction } from "@/server/services/functions";

export const POST = route({ params: FunctionParams, response: FunctionResponse, access: "appEdit" }, async ({ params }) => ({
  function: await duplicateFunction(getDb(), params.fnId),
}));
