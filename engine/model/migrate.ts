import { z } from "zod";
import { CURRENT_SCHEMA_VERSION, FunctionDefinition } from "./function-definition";

type Json = Record<string, unknown>;

/**
 * Ordered migrations: `MIGRATIONS[n]` turns a version-n definition into version n+1.
 * Version 0 is the pre-release shape: `blocks` and `edges` at the top level, no
 * `schemaVersion`. Every migration must be exercised by a test (see migrate.test.ts).
 */
export const MIGRATIONS: ReadonlyArray<(def: Json) => Json> = [
  // 0 → 1: blocks and edges move under `graph`.
  (def) => {
    const { blocks, edges, ...rest } = def;
    return { ...rest, schemaVersion: 1, graph: { blocks: blocks ?? [], edges: edges ?? [] } };
  },
];

export type LoadResult =
  | { ok: true; definition: FunctionDefinition; migratedFrom: number }
  | { ok: false; issues: z.core.$ZodIssue[]; message: string };

function versionOf(def: Json): number {
  const v = def.schemaVersion;
  return typeof v === "number" && Number.isInteger(v) ? v : 0;
}

/** Runs the ordered migrations, then validates. A definition that fails is never executed. */
export function loadDefinition(raw: unknown): LoadResult {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [], message: "A function definition must be a JSON object" };
  }
  let def = raw as Json;
  const from = versionOf(def);
  if (from > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [],
      message: `Definition schemaVersion ${from} is newer than this server understands (${CURRENT_SCHEMA_VERSION})`,
    };
  }
  for (let v = from; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, issues: [], message: `No migration from schemaVersion ${v}` };
    def = step(def);
  }
  const parsed = FunctionDefinition.safeParse(def);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues, message: z.prettifyError(parsed.error) };
  }
  return { ok: true, definition: parsed.data, migratedFrom: from };
}
