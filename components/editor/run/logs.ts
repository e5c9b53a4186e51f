import type { RunLog, TraceEntry } from "@/engine/interpreter/types";
import type { LogLevel } from "@/engine/sandbox/types";

/** Run logs in time order; lines at the same `t` keep their recorded order. */
export function sortLogs(logs: readonly RunLog[]): RunLog[] {
  return logs
    .map((log, i) => ({ log, i }))
    .sort((a, b) => a.log.t - b.log.t || a.i - b.i)
    .map((x) => x.log);
}

/** The logs to show: all of them, or only the named block's when one is selected. */
export function filterLogs(logs: readonly RunLog[], blockName: string | null): RunLog[] {
  const sorted = sortLogs(logs);
  return blockName === null ? sorted : sorted.filter((l) => l.block === blockName);
}

/** A block's name by id, from the trace (logs name blocks, the canvas selects ids). */
export function blockNameOf(trace: readonly TraceEntry[], blockId: string | null): string | null {
  if (blockId === null) return null;
  return trace.find((e) => e.blockId === blockId)?.blockName ?? null;
}

/** A block's id by name, from the trace (errors name blocks). */
export function blockIdOf(trace: readonly TraceEntry[], blockName: string | undefined): string | null {
  if (!blockName) return null;
  return trace.find((e) => e.blockName === blockName)?.blockId ?? null;
}

export const LEVEL_CLASS: Record<LogLevel, string> = {
  log: "text-slate-700",
  info: "text-sky-700",
  warn: "text-amber-700 bg-amber-50",
  error: "text-red-700 bg-red-50",
};

function isLevel(level: string): level is LogLevel {
  return Object.prototype.hasOwnProperty.call(LEVEL_CLASS, level);
}

export function levelClass(level: string): string {
  return isLevel(level) ? LEVEL_CLASS[level] : LEVEL_CLASS.log;
}
