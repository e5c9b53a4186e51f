import { CreateResourceInput, ResourceListResponse, ResourceResponse } from "@/engine/contract/resources";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { resourceDeps } from "@/server/runtime/engine";
import { createResource, listResources } from "@/server/services/resources";

export const GET = route({ response: ResourceListResponse, access: "editor" }, async () => ({ resources: await listResources(resourceDeps(getDb())) }));
export const POST = route({ body: CreateResourceInput, response: ResourceResponse, access: "admin" }, async ({ req, caller, body }) => {
  const resource = await createResource(resourceDeps(getDb()), body);
  await auditFrom(req, caller).record({ action: "resource.create", targetType: "resource", targetId: resource.id, detail: { name: resource.name, kind: resource.kind } });
  return { resource };
});
