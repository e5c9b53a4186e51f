import type { EngineErrorData } from "../errors";

/**
 * The ports through which the interpreter runs user code. The interpreter never evaluates
 * user text itself: every expression and every code block goes through a sandbox.
 */

export type LogLevel = "log" | "info" | "warn" | "error";
export interface LogEntry {
  level: LogLevel;
  /** The arguments, formatted as one line (objects as JSON). */
  message: string;
  /** Milliseconds since the block attempt started. */
  t: number;
}

export interface SandboxLimits {
  /** Wall time; the sandbox interrupts at the deadline and kills hard shortly after. */
  timeoutMs: number;
  memoryBytes: number;
  maxLogBytes: number;
  maxOutputBytes: number;
}

/** `scope` holds JSON values only: parameters by name, `name: { data, error }` per finished block, `item`/`index` in loops. */
export type Scope = Record<string, unknown>;

export type SandboxRequest =
  | {
      kind: "code";
      /** The body of an async function: `return` and `await` work. */
      source: string;
      scope: Scope;
      limits: SandboxLimits;
    }
  | {
      kind: "expressions";
      /** Each is the text between `{{` and `}}`, evaluated as a JS expression against `scope`. */
      expressions: string[];
      scope: Scope;
      limits: SandboxLimits;
    };

export type SandboxResult =
  | { ok: true; /** JSON value; for `expressions`, an array of values in order. */ value: unknown; logs: LogEntry[]; logsTruncated: boolean }
  | { ok: false; error: EngineErrorData; logs: LogEntry[]; logsTruncated: boolean };

export interface CodeSandbox {
  run(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxResult>;
}

/** Python blocks (issue 4). Until it lands the engine answers NOT_CONFIGURED. */
export interface PythonSandbox {
  run(request: Extract<SandboxRequest, { kind: "code" }>, signal?: AbortSignal): Promise<SandboxResult>;
}

/**
 * An error as a runner (the QuickJS worker, the Python child) reports it. Untrusted: user code
 * shapes `data`, `message` and `status`, and each pool limits the codes to those a block may
 * cause (js/result.ts, python/result.ts).
 */
export interface RunnerError {
  code: string;
  message?: string;
  detail?: string;
  status?: number;
  data?: unknown;
  /** Bytes of a result refused as OUTPUT_TOO_LARGE, when known. */
  size?: number;
}
