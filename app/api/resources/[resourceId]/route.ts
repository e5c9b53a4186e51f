import { NoContent } from "@/engine/contract/common";
import { ResourceParams, ResourceResponse, UpdateResourceInput } from "@/engine/contract/resources";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { resourceDeps } from "@/server/runtime/engine";
import { deleteResource, getResource, updateResource } from "@/server/services/resources";

export const GET = route({ params: ResourceParams, response: ResourceResponse, access: "admin" }, async ({ params }) => ({
  resource: await getResource(resourceDeps(getDb()), params.resourceId),
}));
/** `{ name?, config?, secrets? }`: a secret given replaces, null clears, absent keeps. */
export const PATCH = route({ params: ResourceParams, body: UpdateResourceInput, response: ResourceResponse, access: "admin" }, async ({ params, body }) => ({
  resource: await updateResource(resourceDeps(getDb()), params.resourceId, body),
}));
export const DELETE = route({ params: ResourceParams, response: NoContent, access: "admin" }, async ({ params }) => {
  await deleteResource(resourceDeps(getDb()), params.resourceId);
});
