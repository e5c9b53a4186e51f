import type { ErrorCode } from "../errors";
import type { SandboxLimits } from "./types";

const MIB = 1024 * 1024;

function mib(bytes: number): string {
  const v = bytes / MIB;
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export type LimitMessages = Partial<Record<ErrorCode, (limits: SandboxLimits, size?: number) => string>>;

/** What a sandbox says when it stops code at a limit, in the user's terms; `name` is "JavaScript" or "Python". */
export function limitMessages(name: string): LimitMessages {
  return {
    SANDBOX_TIMEOUT: (l) => `Code ran longer than ${l.timeoutMs} ms`,
    SANDBOX_MEMORY: (l) => `Code used more than ${mib(l.memoryBytes)} MB`,
    OUTPUT_TOO_LARGE: (l, size) =>
      `The result is larger than the ${mib(l.maxOutputBytes)} MB limit` + (size ? ` (${mib(size)} MB as JSON)` : ""),
    RUN_CANCELLED: () => "The run was cancelled",
    EXECUTOR_BUSY: () => `The ${name} sandbox is busy; try again shortly`,
    SANDBOX_CRASHED: () => `The ${name} sandbox stopped unexpectedly`,
  };
}
