import { isJsonObject } from "@/engine/model";
import { PAGE_TREE_VERSION, pageTreeKind, type PageTree } from "@/engine/pages";
import { parseJsonColumn, readDocument } from "./document";

/**
 * The Page table's `tree` column: a page tree (engine/pages owns its schema and migrations).
 * Its version is the `treeVersion` column, written with every tree; the tree's own `version`
 * field is set from it before the migrations run, so a tree stored before it carried one (the
 * column default `{"components":[]}`) reads as version 1.
 */
export const storedPageTreeKind = pageTreeKind;

export interface StoredTreeColumns {
  tree: string;
  treeVersion: number;
}

/** A stored tree, migrated and validated; a tree that fails is a StoredDocumentError, never used. */
export function readPageTree(row: StoredTreeColumns & { id?: string; name?: string }): PageTree {
  const where = `page ${row.name ?? row.id ?? "?"}`;
  const raw = parseJsonColumn(pageTreeKind.kind, where, row.tree);
  const doc = isJsonObject(raw) ? { ...raw, version: row.treeVersion } : raw;
  return readDocument(pageTreeKind, doc, row.treeVersion, where);
}

/** The columns that store a tree: its JSON text and the version it is shaped by. */
export function pageTreeColumns(tree: PageTree): StoredTreeColumns {
  return { tree: JSON.stringify({ ...tree, version: PAGE_TREE_VERSION }), treeVersion: PAGE_TREE_VERSION };
}

/** The columns of a new page's tree: no components, no bindings. */
export function emptyPageTreeColumns(): StoredTreeColumns {
  return pageTreeColumns({ version: PAGE_TREE_VERSION, components: [], bindings: {} });
}
