import { ResourcesPage } from "@/components/resources/resources-page";
import { getDb } from "@/server/db/client";
import { resourceDeps } from "@/server/runtime/engine";
import { listResources } from "@/server/services/resources";

export const dynamic = "force-dynamic";

export default async function Resources({ searchParams }: { searchParams: Promise<{ id?: string; new?: string; app?: string }> }) {
  const { id, new: creating, app } = await searchParams;
  const resources = await listResources(resourceDeps(getDb()));
  return (
    <ResourcesPage
      resources={resources}
      selectedId={id ?? null}
      creating={creating === "1"}
      backHref={app ? `/apps/${encodeURIComponent(app)}/edit` : "/"}
    />
  );
}
