import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { resourceDeps } from "@/server/runtime/engine";
import { deleteResource, getResource, updateResource } from "@/server/services/resources";

type P = { resourceId: string };
export const GET = route<P>(async (_req, { resourceId }) => ({ resource: await getResource(resourceDeps(getDb()), resourceId) }));
/** `{ name?, config?, secrets? }`: a secret given replaces, null clears, absent keeps. */
export const PATCH = route<P>(async (req, { resourceId }) => ({
  resource: await updateResource(resourceDeps(getDb()), resourceId, await readJson(req)),
}));
export const DELETE = route<P>(async (_req, { resourceId }) => {
  await deleteResource(resourceDeps(getDb()), resourceId);
});
