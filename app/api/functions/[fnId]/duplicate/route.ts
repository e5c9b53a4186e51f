import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { duplicateFunction } from "@/server/services/functions";

type P = { fnId: string };
export const POST = route<P>(async (_req, { fnId }) => ({ function: await duplicateFunction(getDb(), fnId) }));
