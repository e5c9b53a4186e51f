import { PageParams, SaveTreeInput, SavedTreeResponse } from "@/engine/contract/pages";
import { getDb } from "@/server/db/client";
import { route } from "@/server/http/route";
import { savePageTree } from "@/server/services/pages";

/** `{ tree, baseRevision }` → `{ revision, tree }`; refused when the page was saved elsewhere meanwhile. */
export const PUT = route({ params: PageParams, body: SaveTreeInput, response: SavedTreeResponse, access: "appEdit" }, async ({ params, body }) =>
  savePageTree(getDb(), params.pageId, body),
);
