import { z } from "zod";
import { clampLimits } from "./clamp-limits";
import { CURRENT_SCHEMA_VERSION, FunctionDefinition } from "./function-definition";
import { isJsonObject, loadVersioned, type DocumentKind, type Migration } from "./versioned-document";

/**
 * Ordered migrations: `MIGRATIONS[n]` turns a version-n definition into version n+1.
 * Version 0 is the pre-release shape: `blocks` and `edges` at the top level, no
 * `schemaVersion`. Every migration must be exercised by a test (see migrate.test.ts).
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: blocks and edges move under `graph`.
  (def) => {
    const { blocks, edges, ...rest } = def;
    return { ...rest, schemaVersion: 1, graph: { blocks: blocks ?? [], edges: edges ?? [] } };
  },
];

export type LoadResult =
  | { ok: true; definition: FunctionDefinition; migratedFrom: number }
  | { ok: false; issues: z.core.$ZodIssue[]; message: string };

/** Function definitions as a stored document kind: the version is the document's own `schemaVersion`. */
export const functionDefinitionKind: DocumentKind<FunctionDefinition> = {
  kind: "function definition",
  currentVersion: CURRENT_SCHEMA_VERSION,
  migrations: MIGRATIONS,
  schema: FunctionDefinition,
};

/** The same kind as read back from storage: after the migrations, limits are clamped to today's maxima. */
const storedDefinitionKind: DocumentKind<FunctionDefinition> = {
  ...functionDefinitionKind,
  schema: z.preprocess((doc) => (isJsonObject(doc) ? clampLimits(doc).doc : doc), FunctionDefinition),
};

/** A definition without a `schemaVersion` is the pre-release shape, version 0. */
function versionOf(def: unknown): number {
  const v = isJsonObject(def) ? def.schemaVersion : undefined;
  return typeof v === "number" && Number.isInteger(v) ? v : 0;
}

/**
 * Runs the ordered migrations, then validates. A definition that fails is never executed.
 * `stored`: the definition was read from storage, so limits above today's maxima are clamped
 * to them (it was valid when saved) instead of failing; a definition being saved is not.
 */
export function loadDefinition(raw: unknown, { stored = false }: { stored?: boolean } = {}): LoadResult {
  const loaded = loadVersioned(stored ? storedDefinitionKind : functionDefinitionKind, raw, versionOf(raw));
  return loaded.ok ? { ok: true, definition: loaded.value, migratedFrom: loaded.migratedFrom } : loaded;
}
