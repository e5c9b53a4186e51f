import { loadVersioned, type DocumentKind } from "@/engine/model";

/**
 * A stored document that cannot be read: not JSON, from a version with no migration, or
 * failing its schema after the migrations. It is never used as it is; the message names the
 * kind, the row and the first problem, for the log and the 500 it becomes.
 */
export class StoredDocumentError extends Error {
  constructor(
    readonly kind: string,
    readonly where: string,
    reason: string,
  ) {
    super(`Stored ${kind} of ${where} cannot be read: ${reason}`);
    this.name = "StoredDocumentError";
  }
}

/** JSON text to a value, or the reason it is not JSON; never throws. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; issues: []; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, issues: [], message: `not JSON (${String(err)})` };
  }
}

/** Parses one stored JSON column, or throws a StoredDocumentError naming it. */
export function parseJsonColumn(kind: string, where: string, text: string): unknown {
  const parsed = tryParseJson(text);
  if (!parsed.ok) throw new StoredDocumentError(kind, where, parsed.message);
  return parsed.value;
}

/** Migrates from `version` and validates a parsed document, or throws a StoredDocumentError. */
export function readDocument<T>(kind: DocumentKind<T>, raw: unknown, version: number, where: string): T {
  const loaded = loadVersioned(kind, raw, version);
  if (!loaded.ok) throw new StoredDocumentError(kind.kind, where, loaded.message);
  return loaded.value;
}
