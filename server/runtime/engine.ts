import path from "node:path";
import { createJsSandbox, type JsSandbox } from "@/engine/sandbox/js";
import { createPythonSandbox, type PythonSandboxHandle } from "@/engine/sandbox/python";
import type { EnginePorts, FunctionLoader } from "@/engine/ports";
import type { Db } from "../db/client";
import { dataDir, databaseFile, databaseUrl } from "../db/config";
import { openHotPath, type HotPath } from "../storage/hot-path";
import { ResourceClients, createResourcePort } from "../resources";
import { loadSecretKey } from "../secrets/key";
import { loadResource, type ResourceDeps } from "../storage/resources";
import { sqliteRunStore } from "../storage/run-store";
import { DefinitionCache } from "./definition-cache";
import { loadFunctionHead } from "./function-head";
import { pythonMemoryBytes } from "./memory-budget";
import { RunWriter } from "./run-writer";

/**
 * The server's long-lived engine parts: one JavaScript sandbox pool per process, warm from
 * the first request on. Kept on globalThis so that Next.js dev reloads do not start new pools.
 */
const holder = globalThis as typeof globalThis & {
  __latheJs?: JsSandbox;
  __lathePython?: PythonSandboxHandle;
  __latheDefinitions?: DefinitionCache;
  __latheRuns?: RunWriter;
  __latheHot?: HotPath | null;
  __latheKey?: Buffer;
  __latheClients?: ResourceClients;
};

/** The key that encrypts resource secrets (LATHE_SECRET_KEY or the data folder's key file). */
export function secretKey(): Buffer {
  holder.__latheKey ??= loadSecretKey({ LATHE_SECRET_KEY: process.env.LATHE_SECRET_KEY }, dataDir());
  return holder.__latheKey;
}

/** Pooled clients of resources (PostgreSQL pools, SQLite handles, SMTP transports). */
export function resourceClients(): ResourceClients {
  holder.__latheClients ??= new ResourceClients();
  return holder.__latheClients;
}

export function resourceDeps(db: Db): ResourceDeps {
  return { db, key: secretKey(), invalidate: (id) => resourceClients().invalidate(id) };
}

/** Prepared statements for the call path on SQLite (server/storage/hot-path.ts); null on other databases. */
export function hotPath(): HotPath | null {
  if (holder.__latheHot === undefined) holder.__latheHot = openHotPath(databaseUrl());
  return holder.__latheHot;
}

/** The process's run writer: on SQLite its batches go to their own thread (server/storage/run-store.ts). */
export function runWriter(db: Db): RunWriter {
  if (holder.__latheRuns) return holder.__latheRuns; // every call asks: keep it a lookup
  const file = databaseFile(databaseUrl());
  holder.__latheRuns = new RunWriter(db, { flushMs: 20, maxBatch: 200, store: file ? sqliteRunStore(file) : undefined });
  return holder.__latheRuns;
}

export function definitionCache(): DefinitionCache {
  holder.__latheDefinitions ??= new DefinitionCache();
  return holder.__latheDefinitions;
}

/**
 * JavaScript: QuickJS workers, LATHE_JS_WORKERS (2) kept warm, more while calls wait, as many as
 * LATHE_JS_MEMORY_MB (3072) holds at their worst case; each app gets a fair share of them
 * (enginePorts passes the app id as the key). Templates have their own small lane. A block's
 * timeout is cut to LATHE_JS_MAX_TIMEOUT_MS (600 s), the longest a call within its share waits.
 */
export function jsSandbox(): JsSandbox {
  holder.__latheJs ??= createJsSandbox({
    poolSize: Number(process.env.LATHE_JS_WORKERS) || 2,
    memoryBudgetBytes: (Number(process.env.LATHE_JS_MEMORY_MB) || 3072) * 1024 * 1024,
    maxTimeoutMs: Number(process.env.LATHE_JS_MAX_TIMEOUT_MS) || undefined,
  });
  return holder.__latheJs;
}

/**
 * Python: Pyodide in warm, locked-down child processes (engine/sandbox/python). Each process
 * serves one app for its whole life, so one app's runs never see another's leftovers; the pool
 * keeps at least LATHE_PY_PROCESSES and grows (warm processes per active app, a restored spare)
 * within LATHE_PY_MEMORY_MB (memory-budget.ts). Throws on a bad budget.
 */
export function pythonSandbox(): PythonSandboxHandle {
  holder.__lathePython ??= createPythonSandbox({
    poolSize: Number(process.env.LATHE_PY_PROCESSES) || 2,
    memoryBudgetBytes: pythonMemoryBytes(),
    // The memory snapshot lives with the data, made on the first start, restored after.
    cacheDir: path.join(/*turbopackIgnore: true*/ dataDir(), "cache"),
  });
  return holder.__lathePython;
}

/** Call-function blocks load other functions of the same app, at their current version. */
export function functionLoader(db: Db, appId: string): FunctionLoader {
  return {
    async load(functionId) {
      const f = await loadFunctionHead(db, definitionCache(), functionId, appId, hotPath());
      if (!f || !f.loaded.ok) return null;
      return { id: f.id, name: f.name, definition: f.loaded.definition };
    },
  };
}

export function enginePorts(db: Db, appId: string, signal?: AbortSignal): EnginePorts {
  const deps = resourceDeps(db);
  const resources = createResourcePort({ get: (id) => loadResource(deps, id) }, resourceClients());
  return { js: jsSandbox().forKey(appId), python: pythonSandbox().forKey(appId), resources, functions: functionLoader(db, appId), signal };
}
