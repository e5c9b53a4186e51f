import type { LoadResult } from "@/engine/model";
import type { Db } from "../db/client";
import { readFunctionHead, readVersionText } from "../storage/functions";
import type { HotPath } from "../storage/hot-path";
import type { DefinitionCache } from "./definition-cache";

export interface FunctionHead {
  id: string;
  name: string;
  appId: string;
  currentVersion: number;
  loaded: LoadResult;
}

/**
 * What a call needs to know about a function: its app, its current version and that version's
 * definition. One small indexed read per call; the definition document is read (and validated)
 * only when this version is not cached yet. Always current, also with several server instances.
 */
export async function loadFunctionHead(db: Db, definitions: DefinitionCache, fnId: string, appId?: string, hot?: HotPath | null): Promise<FunctionHead | null> {
  const row = await readFunctionHead(db, fnId, hot);
  if (!row || (appId !== undefined && row.appId !== appId)) return null;
  const version = row.currentVersion;
  let loaded = definitions.get(row.id, version);
  if (!loaded) {
    const text = await readVersionText(db, row.id, version);
    if (text === null) return null; // deleted between the two reads
    loaded = definitions.load(row.id, version, text);
  }
  return { id: row.id, name: row.name, appId: row.appId, currentVersion: version, loaded };
}
