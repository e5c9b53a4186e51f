import type { LoadResult } from "@/engine/model";
import { readDefinition } from "../storage/functions";

/**
 * Loaded (migrated, validated) definitions by function id and version. A version never
 * changes once written, so an entry never goes stale; the oldest entries are dropped past
 * `max`. The interpreter caches its compiled graph per definition object, so handing it the
 * same object each call skips validation and compilation too.
 */
export class DefinitionCache {
  private readonly entries = new Map<string, LoadResult>();
  constructor(private readonly max = 500) {}

  /** The cached entry, if this version was loaded before. */
  get(functionId: string, version: number): LoadResult | undefined {
    return this.entries.get(`${functionId}@${version}`);
  }

  load(functionId: string, version: number, json: string): LoadResult {
    const key = `${functionId}@${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit); // most recently used last
      return hit;
    }
    const loaded = readDefinition(json);
    this.entries.set(key, loaded);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string); // size > 0 here
    return loaded;
  }
}
