import type { QueryConfig, FunctionDefinition } from "./model";
import type { CodeSandbox, PythonSandbox, Scope } from "./sandbox/types";

/**
 * Everything the interpreter needs from outside, passed in by the caller (no globals).
 * `runFunction(definition, input, ports)` receives one of these.
 */

export interface QueryContext {
  scope: Scope;
  signal: AbortSignal;
  /** Block name, for error messages. */
  block: string;
  /**
   * Evaluates the text inside `{{ }}` (several at once) in the sandbox against `scope`.
   * SQL resources bind the values as parameters instead of splicing them into the text.
   */
  evaluate(expressions: string[]): Promise<unknown[]>;
}

/**
 * What a query gives back: `data` is what later blocks and pages read as `name.data` (a REST
 * body, SQL rows, a message id); `metadata` is read as `name.metadata` (REST status and
 * headers, SQL row counts). Both JSON.
 */
export interface QueryResult {
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface ResourcePort {
  /** Throws an EngineError (RESOURCE_FAILED, …) on failure. */
  execute(resourceId: string, config: QueryConfig, ctx: QueryContext): Promise<QueryResult>;
}

export interface FunctionLoader {
  /** Another function of the same app, for call-function blocks; null when it does not exist. */
  load(functionId: string): Promise<{ id: string; name: string; definition: FunctionDefinition } | null>;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface EnginePorts {
  js: CodeSandbox;
  /** Absent until Python lands: Python blocks then fail with NOT_CONFIGURED. */
  python?: PythonSandbox;
  /** Absent until resources land: query blocks then fail with NOT_CONFIGURED. */
  resources?: ResourcePort;
  functions?: FunctionLoader;
  clock?: Clock;
  signal?: AbortSignal;
}
