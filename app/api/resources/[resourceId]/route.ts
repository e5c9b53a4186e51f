import { NoContent } from "@/engine/contract/common";
import { ResourceParams, ResourceResponse, UpdateResourceInput } from "@/engine/contract/resources";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { resourceDeps } from "@/server/runtime/engine";
import { resourceChanges } from "@/server/services/resource-changes";
import { deleteResource, getResource, updateResource } from "@/server/services/resources";

export const GET = route({ params: ResourceParams, response: ResourceResponse, access: "admin" }, async ({ params }) => ({
  resource: await getResource(resourceDeps(getDb()), params.resourceId),
}));
/** `{ name?, config?, secrets? }`: a secret given replaces, null clears, absent keeps. The audit log names the changed fields, never their values. */
export const PATCH = route({ params: ResourceParams, body: UpdateResourceInput, response: ResourceResponse, access: "admin" }, async ({ req, caller, params, body }) => {
  const deps = resourceDeps(getDb());
  const before = await getResource(deps, params.resourceId);
  const resource = await updateResource(deps, params.resourceId, body);
  const changed = resourceChanges(before, resource, body.secrets);
  await auditFrom(req, caller).record({ action: "resource.change", targetType: "resource", targetId: resource.id, detail: { name: resource.name, kind: resource.kind, changed } });
  return { resource };
});
export const DELETE = route({ params: ResourceParams, response: NoContent, access: "admin" }, async ({ req, caller, params }) => {
  const gone = await deleteResource(resourceDeps(getDb()), params.resourceId);
  await auditFrom(req, caller).record({ action: "resource.delete", targetType: "resource", targetId: params.resourceId, detail: gone });
});
