import { z } from "zod";

export type JsonObject = Record<string, unknown>;

/** One step of a document's history: turns version n into version n + 1. */
export type Migration = (doc: JsonObject) => JsonObject;

/**
 * A kind of document that is stored and read back later (a function definition, a page tree,
 * a stored run, a resource's settings): the version its writers stamp, the ordered migrations
 * that lead an older document there, and the schema of the current shape. `migrations[i]`
 * upgrades version `currentVersion - migrations.length + i`, so the list may be empty (the
 * first shape is the current one) but it always exists; tests exercise every step.
 */
export interface DocumentKind<T> {
  /** For messages: "function definition", "page tree", … */
  kind: string;
  currentVersion: number;
  migrations: readonly Migration[];
  schema: z.ZodType<T>;
}

export type VersionedLoad<T> =
  | { ok: true; value: T; migratedFrom: number }
  | { ok: false; issues: z.core.$ZodIssue[]; message: string };

/** The oldest version a kind can still load. */
export function oldestVersion(kind: DocumentKind<unknown>): number {
  return kind.currentVersion - kind.migrations.length;
}

export function isJsonObject(raw: unknown): raw is JsonObject {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw);
}

/**
 * Runs the migrations from `version` up to the current one, then the schema. Never throws:
 * a document that cannot be upgraded or fails the schema is `ok: false` with the reason.
 */
export function loadVersioned<T>(kind: DocumentKind<T>, raw: unknown, version: number): VersionedLoad<T> {
  const fail = (message: string): VersionedLoad<T> => ({ ok: false, issues: [], message });
  if (!isJsonObject(raw)) return fail(`A ${kind.kind} must be a JSON object`);
  if (version > kind.currentVersion) {
    return fail(`${capitalised(kind.kind)} version ${version} is newer than this server understands (${kind.currentVersion})`);
  }
  const oldest = oldestVersion(kind);
  if (!Number.isInteger(version) || version < oldest) return fail(`No migration from ${kind.kind} version ${version}`);
  let doc = raw;
  for (let v = version; v < kind.currentVersion; v++) doc = kind.migrations[v - oldest](doc);
  const parsed = kind.schema.safeParse(doc);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues, message: z.prettifyError(parsed.error) };
  return { ok: true, value: parsed.data, migratedFrom: version };
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
