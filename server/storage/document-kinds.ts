import type { DocumentKind } from "@/engine/model";
import { auditDetailKind } from "./audit";
import { storedDefinitionKind } from "./functions";
import { storedPageTreeKind } from "./pages";
import { resourceConfigKind } from "./resources";
import { storedRunKind } from "./runs";

export interface StoredDocumentEntry {
  kind: DocumentKind<unknown>;
  /** The JSON columns ("Model.field") that hold this kind; prisma/schema.prisma marks them "(JSON)". */
  columns: readonly string[];
}

/**
 * Every kind of document Lathe stores, with the columns that hold it. Tests check that each
 * has a migration list whose every step is exercised, and that every JSON column of the schema
 * belongs to one kind.
 */
export const STORED_DOCUMENT_KINDS: readonly StoredDocumentEntry[] = [
  { kind: storedDefinitionKind, columns: ["Function.definition", "FunctionVersion.definition"] },
  { kind: storedPageTreeKind, columns: ["Page.tree"] },
  { kind: storedRunKind, columns: ["Run.input", "Run.output", "Run.error", "Run.trace", "Run.logs"] },
  { kind: resourceConfigKind, columns: ["Resource.config", "Resource.secrets"] },
  { kind: auditDetailKind, columns: ["AuditEntry.detail"] },
];
