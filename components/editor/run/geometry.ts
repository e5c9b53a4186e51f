import type { TraceEntry } from "@/engine/interpreter/types";

/** The narrowest bar drawn, in percent of the track, so 0 ms blocks stay visible and clickable. */
export const MIN_BAR_PERCENT = 0.75;

export interface BarGeometry {
  /** Percent of the track from its left edge. */
  left: number;
  /** Percent of the track. */
  width: number;
}

/** The scale of a timeline: the run's duration, or the end of its latest entry when that is later. */
export function timelineTotal(trace: readonly TraceEntry[], totalMs: number): number {
  let total = Number.isFinite(totalMs) && totalMs > 0 ? totalMs : 0;
  for (const e of trace) total = Math.max(total, e.startedAt + e.durationMs);
  return total > 0 ? total : 1;
}

/** Where an entry's bar sits on a track that spans `totalMs`; always inside [0, 100] and at least MIN_BAR_PERCENT wide. */
export function barGeometry(entry: Pick<TraceEntry, "startedAt" | "durationMs">, totalMs: number): BarGeometry {
  const total = Number.isFinite(totalMs) && totalMs > 0 ? totalMs : 1;
  const start = Number.isFinite(entry.startedAt) ? Math.max(0, entry.startedAt) : 0;
  const duration = Number.isFinite(entry.durationMs) ? Math.max(0, entry.durationMs) : 0;
  let left = Math.min(100, (start / total) * 100);
  const width = Math.min(100, Math.max(MIN_BAR_PERCENT, (duration / total) * 100));
  if (left + width > 100) left = 100 - width;
  return { left, width };
}

export type DisplayStatus = "ok" | "error" | "skipped" | "cancelled";

/** What the colour says: an error stays an error even when the run was cut while it ran; a cut block is "cancelled". */
export function displayStatus(entry: Pick<TraceEntry, "status" | "cancelled">): DisplayStatus {
  if (entry.status === "error") return "error";
  if (entry.cancelled) return "cancelled";
  return entry.status;
}
