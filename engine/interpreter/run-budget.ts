import { EngineError } from "../errors";
import type { LogEntry, Scope } from "../sandbox/types";

/**
 * What one run may keep in the server's memory, counted as it arrives: the run's console output
 * (`limits.maxLogBytes` for the whole run, nested calls included), the output previews its
 * trace keeps, and the block data it holds in scope at once. Nothing is accumulated and cut
 * afterwards: a line past the budget is never kept, data past it is never published.
 */

/** The JSON overhead of one log entry, counted as the sandboxes count it. */
export const LOG_ENTRY_OVERHEAD = 40;
/** Output previews (block data shown in the trace) one run keeps, in UTF-16 code units. */
export const TRACE_PREVIEW_BUDGET = 256 * 1024;
/** Trace entries one run keeps; later block executions still run and count, untraced. */
export const MAX_TRACE_ENTRIES = 5_000;
/**
 * Block data one run (its called functions included) may hold at once, as JSON bytes: every
 * block's data in scope, and a loop's results while it collects them. Twice the largest
 * `maxOutputBytes`, so one maximal value always fits beside others.
 */
export const RUN_DATA_BUDGET = 32 * 1024 * 1024;

/** A sandbox's final note when it stopped capturing: "Logs truncated: … ; N bytes dropped" (js/vm-prelude.mjs, python/harness.py). */
const SANDBOX_NOTE = /^Logs truncated: .*?(?:; (\d+) bytes dropped)?$/;

/** The run's log budget: what it allows, what it kept and what it dropped. */
export class LogBudget {
  private used = 0;
  private dropped = 0;
  private marker: LogEntry | null = null;
  /** A sandbox cut lines without saying how much (it was stopped before its final note). */
  private uncounted = false;

  constructor(readonly limit: number) {}

  /** Bytes still allowed: what a sandbox call may capture (so a worker never ships more). */
  remaining(): number {
    return this.marker ? 0 : Math.max(0, this.limit - this.used);
  }

  get usedBytes(): number {
    return this.used;
  }

  get droppedBytes(): number {
    return this.dropped;
  }

  get truncated(): boolean {
    return this.marker !== null;
  }

  /**
   * Takes the lines of one sandbox call (or nested run) into `out`, within the budget. Past it,
   * one marker line (added once per run, kept up to date with the bytes dropped) and nothing
   * else. `truncatedBySandbox`: the sandbox stopped capturing at the room it was given, so its
   * own final note (its last line: nothing follows it) is replaced by the run's marker, and
   * what it counted as dropped is added. Answers whether anything was cut.
   */
  take(entries: readonly LogEntry[], truncatedBySandbox: boolean, out: LogEntry[], shift: (l: LogEntry) => LogEntry): boolean {
    let lines = entries;
    if (truncatedBySandbox) {
      const last = lines.at(-1);
      const note = last && last.level === "warn" ? SANDBOX_NOTE.exec(last.message) : null;
      if (note) lines = lines.slice(0, -1);
      if (note?.[1]) this.dropped += Number(note[1]);
      else this.uncounted = true;
    }
    let cut = truncatedBySandbox;
    for (const l of lines) {
      const cost = l.message.length + LOG_ENTRY_OVERHEAD;
      if (!this.marker && this.used + cost <= this.limit) {
        this.used += cost;
        out.push(shift(l));
        continue;
      }
      cut = true;
      if (!this.marker) {
        // Keep the start of the line that crossed the budget when there is room worth keeping.
        const room = this.limit - this.used - LOG_ENTRY_OVERHEAD;
        if (room > 200) {
          out.push(shift({ ...l, message: l.message.slice(0, room) }));
          this.used += room + LOG_ENTRY_OVERHEAD;
          this.dropped += l.message.length - room;
        } else {
          this.dropped += l.message.length;
        }
        this.marker = shift({ level: "warn", message: "", t: l.t });
        out.push(this.marker);
      } else {
        this.dropped += l.message.length;
      }
    }
    if (cut && !this.marker) {
      const t = entries.at(-1)?.t ?? 0;
      this.marker = shift({ level: "warn", message: "", t });
      out.push(this.marker);
    }
    if (this.marker) this.marker.message = this.note();
    return cut;
  }

  /** The marker's text: the budget, and how much was dropped. */
  private note(): string {
    const more = this.uncounted ? ", and more that was not counted" : "";
    return `Logs truncated: this run's logs are limited to ${this.limit} bytes; ${this.dropped} bytes dropped${more}`;
  }
}

/** The run's budget for previews of block data in the trace. */
export class PreviewBudget {
  private used = 0;

  constructor(readonly limit: number = TRACE_PREVIEW_BUDGET) {}

  /** How many characters of a preview of `length` may still be kept (0 once the budget is spent). */
  grant(length: number): number {
    const n = Math.max(0, Math.min(length, this.limit - this.used));
    this.used += n;
    return n;
  }

  get usedChars(): number {
    return this.used;
  }
}

/**
 * The block data a run holds, charged per scope: what a loop iteration's blocks published is
 * released when the iteration ends (its scope is dropped), what a called function's blocks
 * published when that run ends.
 */
export class DataBudget {
  private used = 0;
  private readonly byScope = new WeakMap<object, number>();

  constructor(readonly limit: number = RUN_DATA_BUDGET) {}

  get usedBytes(): number {
    return this.used;
  }

  /** Counts `bytes` held by `holder` (a scope, or a loop collecting results); throws OUTPUT_TOO_LARGE past the budget. */
  hold(holder: Scope | object, bytes: number, block: string): void {
    if (this.used + bytes > this.limit) {
      const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
      const message = `The data of "${block}" (${mb(bytes)} MB) would take the data this run holds past its limit of ${mb(this.limit)} MB: pass less data between blocks`;
      throw new EngineError("OUTPUT_TOO_LARGE", message, { block, data: { heldBytes: this.used, bytes, limitBytes: this.limit } });
    }
    this.used += bytes;
    this.byScope.set(holder, (this.byScope.get(holder) ?? 0) + bytes);
  }

  /** Everything `holder` held is no longer held. */
  release(holder: Scope | object): void {
    this.used -= this.byScope.get(holder) ?? 0;
    this.byScope.delete(holder);
  }
}

/** Everything a run counts against its memory budget. */
export interface RunBudget {
  logs: LogBudget;
  previews: PreviewBudget;
  data: DataBudget;
}

/**
 * A run's budget. A nested run (a call-function block) shares its caller's preview and data
 * budgets and may log what is left of its caller's log budget; the caller then takes the callee's lines
 * into its own budget, so the whole call tree stays within the outermost run's limit.
 */
export function createRunBudget(maxLogBytes: number, parent?: RunBudget): RunBudget {
  if (!parent) return { logs: new LogBudget(maxLogBytes), previews: new PreviewBudget(), data: new DataBudget() };
  return { logs: new LogBudget(Math.min(maxLogBytes, parent.logs.remaining())), previews: parent.previews, data: parent.data };
}
