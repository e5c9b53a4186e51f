import { PageParams, SaveTreeInput, SavedTreeResponse } from "@/engine/contract/pages";
import { getDb } from "@/server/db/client";
import { auditFrom } from "@/server/http/audit-from";
import { route } from "@/server/http/route";
import { savePageTree } from "@/server/services/pages";

/** `{ tree, baseRevision }` → `{ revision, tree }`; refused when the page was saved elsewhere meanwhile. */
export const PUT = route({ params: PageParams, body: SaveTreeInput, response: SavedTreeResponse, access: "appEdit" }, async ({ req, caller, params, body }) => {
  const saved = await savePageTree(getDb(), params.pageId, body);
  await auditFrom(req, caller).record({ action: "page.save", targetType: "page", targetId: params.pageId, detail: { revision: saved.revision, components: saved.tree.components.length } });
  return saved;
});
