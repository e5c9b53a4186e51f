import { getDb } from "@/server/db/client";
import { route, readJson } from "@/server/http/route";
import { savePageTree } from "@/server/services/pages";

type P = { pageId: string };
/** `{ tree, baseRevision }` → `{ revision, tree }`; refused when the page was saved elsewhere meanwhile. */
export const PUT = route<P>(async (req, { pageId }) => savePageTree(getDb(), pageId, await readJson(req)));
