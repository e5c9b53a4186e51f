import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { resourceDeps } from "@/server/runtime/engine";
import { createResource, listResources } from "@/server/services/resources";

export const GET = route(async () => ({ resources: await listResources(resourceDeps(getDb())) }));
export const POST = route(async (req) => ({ resource: await createResource(resourceDeps(getDb()), await readJson(req)) }));
