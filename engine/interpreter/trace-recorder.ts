import type { EngineErrorData } from "../errors";
import type { Block } from "../model";
import type { Clock } from "../ports";
import { MAX_TRACE_ENTRIES } from "./run-budget";
import type { RunLog, TraceEntry } from "./types";

export interface TraceRecorder {
  readonly entries: TraceEntry[];
  /** Opens the entry of a block that starts now. */
  begin(block: Block, iteration?: number): TraceEntry;
  /** Closes an open entry; ignored once closed (abandoned) or after `seal`. */
  end(entry: TraceEntry, patch: Pick<TraceEntry, "status"> & Partial<TraceEntry>): void;
  skip(block: Block, iteration?: number): void;
  /** Closes the open entry of a block whose run no longer matters. */
  abandon(blockId: string): void;
  /** Names of the blocks running now, oldest first. */
  running(): string[];
  /** Closes every open entry with `error` and freezes the trace (the run has returned). */
  seal(error?: EngineErrorData): void;
  logs(): RunLog[];
  /** Block executions not kept in `entries` (past `maxEntries`); they still ran and counted. */
  omitted(): number;
  /** A log line was kept for `entry`: an entry past the cap keeps its lines in the run's logs. */
  logged(entry: TraceEntry): void;
}

/**
 * Records the per-block trace with times relative to the run's start. Entries are appended
 * when a block starts (or is skipped), so their order is the order blocks started. At most
 * `maxEntries` are kept (a loop of a million iterations must not hold a million entries); later
 * ones are counted in `omitted()`, and the log lines of those that logged stay in `logs()`.
 */
export function createTraceRecorder(clock: Clock, runStart: number, maxEntries = MAX_TRACE_ENTRIES): TraceRecorder {
  const entries: TraceEntry[] = [];
  const open = new Map<string, TraceEntry>();
  /** Entries past the cap that logged: bounded by the run's log budget (each line costs bytes). */
  const untracedWithLogs = new Set<TraceEntry>();
  const untraced = new WeakSet<TraceEntry>();
  let omitted = 0;
  let sealed = false;
  const keep = (entry: TraceEntry): boolean => {
    if (entries.length < maxEntries) {
      entries.push(entry);
      return true;
    }
    omitted++;
    untraced.add(entry);
    return false;
  };
  const since = () => clock.now() - runStart;
  const close = (entry: TraceEntry, patch: Partial<TraceEntry>) => {
    Object.assign(entry, patch);
    entry.durationMs = since() - entry.startedAt;
    open.delete(entry.blockId);
  };
  return {
    entries,
    begin(block, iteration) {
      const entry: TraceEntry = { blockId: block.id, blockName: block.name, type: block.type, status: "ok", startedAt: since(), durationMs: 0, attempts: 0, logs: [] };
      if (iteration !== undefined) entry.iteration = iteration;
      if (sealed) return entry;
      keep(entry);
      open.set(block.id, entry);
      return entry;
    },
    end(entry, patch) {
      if (!sealed && open.get(entry.blockId) === entry) close(entry, patch);
    },
    skip(block, iteration) {
      if (sealed) return;
      const entry: TraceEntry = { blockId: block.id, blockName: block.name, type: block.type, status: "skipped", startedAt: since(), durationMs: 0, attempts: 0, logs: [] };
      if (iteration !== undefined) entry.iteration = iteration;
      keep(entry);
    },
    abandon(blockId) {
      const entry = open.get(blockId);
      if (entry && !sealed) close(entry, { status: "skipped", cancelled: true });
    },
    running: () => [...open.values()].map((e) => e.blockName),
    seal(error) {
      for (const entry of [...open.values()]) close(entry, error ? { status: "error", error, cancelled: true } : { status: "skipped", cancelled: true });
      sealed = true;
    },
    omitted: () => omitted,
    logged(entry) {
      if (untraced.has(entry)) untracedWithLogs.add(entry);
    },
    logs() {
      const out: RunLog[] = [];
      for (const e of [...entries, ...untracedWithLogs]) {
        for (const l of e.logs) {
          const log: RunLog = { block: e.blockName, level: l.level, message: l.message, t: e.startedAt + l.t };
          if (e.iteration !== undefined) log.iteration = e.iteration;
          out.push(log);
        }
      }
      return out.sort((a, b) => a.t - b.t);
    },
  };
}
