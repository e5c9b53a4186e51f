import { CURRENT_SCHEMA_VERSION, functionDefinitionKind, loadDefinition, type FunctionDefinition, type LoadResult } from "@/engine/model";
import type { Db } from "../db/client";
import { tryParseJson } from "./document";
import type { FunctionHeadRow, HotPath } from "./hot-path";

export type { FunctionHeadRow };

/**
 * The Function and FunctionVersion tables' `definition` column: a function definition
 * (engine/model owns its schema and migrations). Its version is the document's own
 * `schemaVersion`; the `schemaVersion` column mirrors it.
 */
export const storedDefinitionKind = functionDefinitionKind;

/** The columns that store a definition: the JSON text and the version it is shaped by. */
export function definitionColumns(definition: FunctionDefinition): { definition: string; schemaVersion: number } {
  return { definition: JSON.stringify(definition), schemaVersion: CURRENT_SCHEMA_VERSION };
}

/**
 * A stored definition, migrated and validated, its limits clamped to today's maxima (a function
 * saved when a limit allowed more still loads; see `clampLimits`). Never throws: callers decide
 * what an invalid one means (the editor shows it, a call fails with INVALID_DEFINITION, an app
 * page skips it).
 */
export function readDefinition(text: string): LoadResult {
  const json = tryParseJson(text);
  return json.ok ? loadDefinition(json.value, { stored: true }) : { ...json, message: `Stored definition is ${json.message}` };
}

/**
 * The small indexed read every call makes: through the SQLite hot path's prepared statement
 * when there is one, else through Prisma.
 */
export async function readFunctionHead(db: Db, fnId: string, hot?: HotPath | null): Promise<FunctionHeadRow | undefined> {
  if (hot) return hot.functionHead(fnId);
  const row = (
    await db.$queryRaw<Array<{ id: string; name: string; appId: string; currentVersion: number | bigint }>>`
      SELECT "id", "name", "appId", "currentVersion" FROM "Function" WHERE "id" = ${fnId}`
  )[0];
  return row && { ...row, currentVersion: Number(row.currentVersion) };
}

/** The JSON text of one saved version's definition; null when it does not exist (any more). */
export async function readVersionText(db: Db, functionId: string, version: number): Promise<string | null> {
  const doc = await db.functionVersion.findUnique({
    where: { functionId_version: { functionId, version } },
    select: { definition: true },
  });
  return doc?.definition ?? null;
}
