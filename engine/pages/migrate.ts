import type { DocumentKind, Migration } from "../model/versioned-document";
import { PAGE_TREE_VERSION, PageTree } from "./schema";

/**
 * Ordered migrations of a stored page tree: `PAGE_TREE_MIGRATIONS[i]` turns version i + 1 into
 * i + 2 and sets the tree's `version`. Version 1 is the first shape, so the list is empty; a
 * change of shape bumps PAGE_TREE_VERSION and adds its step here, with a sample in the tests
 * (server/storage/document-kinds.test.ts).
 */
export const PAGE_TREE_MIGRATIONS: readonly Migration[] = [];

/** Page trees as a stored document kind: the version is stored beside the tree (`Page.treeVersion`). */
export const pageTreeKind: DocumentKind<PageTree> = {
  kind: "page tree",
  currentVersion: PAGE_TREE_VERSION,
  migrations: PAGE_TREE_MIGRATIONS,
  schema: PageTree,
};
