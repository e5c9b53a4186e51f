import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { deleteFunction, getFunction, renameFunction, saveFunction } from "@/server/services/functions";

type P = { fnId: string };
export const GET = route<P>(async (_req, { fnId }) => ({ function: await getFunction(getDb(), fnId) }));
/** Save: `{ definition, baseVersion }` → a new version. */
export const PUT = route<P>(async (req, { fnId }) => ({ function: await saveFunction(getDb(), fnId, await readJson(req)) }));
/** Rename: `{ name }`. */
export const PATCH = route<P>(async (req, { fnId }) => ({ function: await renameFunction(getDb(), fnId, await readJson(req)) }));
export const DELETE = route<P>(async (_req, { fnId }) => {
  await deleteFunction(getDb(), fnId);
});
