import { Refused } from "@/components/auth/refused";
import { ResourcesPage } from "@/components/resources/resources-page";
import { pageCaller } from "@/server/http/page-access";
import { getDb } from "@/server/db/client";
import { resourceDeps } from "@/server/runtime/engine";
import { listResources } from "@/server/services/resources";

export const dynamic = "force-dynamic";

export default async function Resources({ searchParams }: { searchParams: Promise<{ id?: string; new?: string; app?: string }> }) {
  const { id, new: creating, app } = await searchParams;
  const caller = await pageCaller("/resources");
  if (caller.user.role !== "admin") {
    return <Refused title="Only admins manage resources" reason="Editors use resources in queries; an admin sets them up." href="/" linkText="Back to apps" />;
  }
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
