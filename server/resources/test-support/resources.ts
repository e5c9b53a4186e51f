import { EngineError, type EngineErrorData } from "@/engine/errors";
import { QueryConfig } from "@/engine/model";
import type { QueryContext } from "@/engine/ports";
import { ResourceSettings, type LoadedResource } from "@/engine/resources";
import type { ResourceLookup } from "../port";

/** Test helpers: resources as the lookup would hand them over, and query contexts. */

export function resource(id: string, settings: unknown, name = id): LoadedResource {
  return { id, name, settings: ResourceSettings.parse(settings) };
}

export function lookupOf(...resources: LoadedResource[]): ResourceLookup & { set(r: LoadedResource): void } {
  const byId = new Map(resources.map((r) => [r.id, r]));
  return {
    async get(id) {
      return byId.get(id) ?? null;
    },
    set(r) {
      byId.set(r.id, r);
    },
  };
}

export function query(config: unknown): QueryConfig {
  return QueryConfig.parse(config);
}

/**
 * A query context whose `evaluate` reads plain names from `values` (the interpreter's real
 * evaluator is the sandbox; engine runs in seed-example.test.ts use it). Each call is recorded.
 */
export function context(values: Record<string, unknown> = {}, opts: { signal?: AbortSignal; block?: string } = {}): QueryContext & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    scope: values,
    signal: opts.signal ?? new AbortController().signal,
    block: opts.block ?? "q",
    async evaluate(expressions) {
      calls.push(expressions);
      return expressions.map((e) => {
        if (!(e in values)) throw new Error(`unknown name ${e}`);
        return values[e];
      });
    },
  };
}

/** The EngineError data a promise rejects with (fails the test when it resolves or throws anything else). */
export async function rejection(p: Promise<unknown>): Promise<EngineErrorData> {
  try {
    await p;
  } catch (err) {
    if (err instanceof EngineError) return err.toData();
    throw err;
  }
  throw new Error("expected a rejection");
}
