import type { EngineErrorData } from "@/engine/errors";
import { runFunction, type RunOutcome } from "@/engine/interpreter";
import type { EnginePorts } from "@/engine/ports";
import type { SessionUser } from "../auth/caller";
import type { Db } from "../db/client";
import type { DefinitionCache } from "../runtime/definition-cache";
import { loadFunctionHead } from "../runtime/function-head";
import { recordOutcome, type RunWriter } from "../runtime/run-writer";
import type { HotPath } from "../storage/hot-path";
import type { RunSource } from "./runs";

/** Who calls, and what they may run. */
export interface ExecuteOptions {
  /**
   * The signed-in person: recorded on the run, and in the function's scope as `currentUser`
   * (a frozen copy of id, email, name, role, groups); none means `currentUser` is null.
   */
  caller?: SessionUser | null;
  /** Whether the caller may run functions of this app; a refusal answers as an unknown function. */
  allow?: (appId: string) => boolean | Promise<boolean>;
  /** For calls from a page: the page and the component event that triggered the call. */
  pageId?: string | null;
  trigger?: string | null;
}

export type ExecuteOutcome =
  | { found: false }
  /** `runId` is null when the run could not be recorded (server/runtime/run-writer.ts). */
  | { found: true; runId: string | null; outcome: RunOutcome };

export interface ExecuteDeps {
  db: Db;
  portsFor: (appId: string) => EnginePorts;
  definitions: DefinitionCache;
  runs: RunWriter;
  hot?: HotPath | null;
}

/**
 * Runs the saved, current version of a function and stores the run. A stored definition that
 * no longer validates is never executed: the run fails with INVALID_DEFINITION.
 */
export async function executeFunction(
  { db, portsFor, definitions, runs, hot }: ExecuteDeps,
  fnId: string,
  params: Record<string, unknown>,
  source: RunSource,
  options: ExecuteOptions = {},
): Promise<ExecuteOutcome> {
  const f = await loadFunctionHead(db, definitions, fnId, undefined, hot);
  if (!f) return { found: false };
  if (options.allow && !(await options.allow(f.appId))) return { found: false };
  const outcome: RunOutcome = f.loaded.ok
    ? await runFunction(f.loaded.definition, params, portsFor(f.appId), { functionId: f.id, currentUser: options.caller ?? null })
    : { status: "error", error: invalidDefinition(f.loaded.message), trace: [], logs: [], durationMs: 0 };
  const runId = recordOutcome(runs, {
    functionId: f.id,
    appId: f.appId,
    functionVersion: f.currentVersion,
    source,
    input: params,
    userId: options.caller?.id ?? null,
    userEmail: options.caller?.email ?? null,
    pageId: options.pageId ?? null,
    trigger: options.trigger ?? null,
  }, outcome);
  return { found: true, runId, outcome };
}

function invalidDefinition(message: string): EngineErrorData {
  return { code: "INVALID_DEFINITION", message: "The stored function is not valid and cannot run", status: 500, detail: message };
}
