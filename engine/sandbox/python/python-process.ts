import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { Socket } from "node:net";
import os from "node:os";
import { EMPTY_ENV, type LaunchPlan } from "./launch";
import { LineReader } from "./line-reader";
import type { ChildFrame, ChildInit } from "./protocol";

/**
 * One Python child process: starts it (restoring the snapshot), reads its frames (protocol.ts)
 * and reports them as calls on `ProcessEvents`. It knows nothing of
 * jobs or limits beyond the byte cap of the next line, which the pool sets.
 */

/** A `done` frame as read: `id` and `ok` checked, the rest unchecked (the child is untrusted). */
export interface DoneFrame {
  id: number;
  ok: boolean;
  error?: unknown;
  logs?: unknown;
  logsTruncated?: unknown;
}

/** A frame as parsed, before its fields are checked: every field of every ChildFrame, unknown. */
type RawFrame = { [K in KeysOf<ChildFrame>]?: unknown };
type KeysOf<T> = T extends T ? keyof T : never;

export interface ProcessEvents {
  ready(p: PythonProcess, info: { heapBytes: number; startMs: number }): void;
  log(p: PythonProcess, id: number, logs: unknown, truncated: unknown): void;
  /** `value` is the raw JSON text of the result when `ok`. */
  done(p: PythonProcess, frame: DoneFrame, value?: string): void;
  idle(p: PythonProcess, info: { dirty: string; heapBytes: number }): void;
  /** The child broke the protocol or a line ran past its cap: the pool kills it. */
  broken(p: PythonProcess, why: string, overflowBytes?: number): void;
  exit(p: PythonProcess, code: number | null, signal: NodeJS.Signals | null): void;
}

export interface SpawnOptions {
  plan: LaunchPlan;
  snapshotFile: string;
  pyodideDir: string;
}

/** Frames other than result values are small: logs and ServerError data are capped by the pool per request. */
export const IDLE_LINE_LIMIT = 64 * 1024;

export class PythonProcess {
  readonly child: ChildProcess;
  readonly startedAt = performance.now();
  /** The process whose RSS is watched: node itself, inside the namespaces. */
  hostPid = 0;
  readonly reader: LineReader;
  stderrTail = "";
  exited = false;
  readonly exitPromise: Promise<void>;
  private awaitingValue: { frame: DoneFrame } | null = null;

  constructor(o: SpawnOptions, private readonly events: ProcessEvents) {
    const fd = fs.openSync(o.snapshotFile, "r");
    try {
      this.child = spawn(o.plan.command, [...o.plan.prefix, "serve", o.pyodideDir], {
        env: EMPTY_ENV,
        uid: o.plan.uid,
        gid: o.plan.gid,
        // Its own process group: killing -pid reaches unshare and node alike.
        detached: true,
        stdio: ["pipe", "pipe", "pipe", fd],
      });
    } finally {
      fs.closeSync(fd);
    }
    const child = this.child;
    this.reader = new LineReader(IDLE_LINE_LIMIT, (line) => this.onLine(line), (bytes) => this.events.broken(this, "a line past its size cap", bytes));
    let resolveExit: () => void = () => {};
    this.exitPromise = new Promise((resolve) => (resolveExit = resolve));
    const reportExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (this.exited) return;
      this.exited = true;
      resolveExit();
      this.events.exit(this, code, signal);
    };
    child.on("exit", reportExit);
    child.on("error", (err) => {
      // A failed spawn (ENOENT, EPERM) reports here and may never report "exit".
      this.stderrTail += `\n${err.message}`;
      if (!child.pid) reportExit(null, null);
    });
    child.stdout?.on("data", (chunk: Buffer) => this.reader.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4000);
    });
    child.stdin?.on("error", () => {
      // EPIPE after the child died: its exit is reported separately
    });
    const init: ChildInit = { seed: randomBytes(32).toString("hex") };
    child.stdin?.write(JSON.stringify(init) + "\n");
  }

  /**
   * Whether this child keeps the parent's event loop alive: yes while it starts or runs a
   * request (someone awaits it), no while idle (an idle pool must not hold a process open).
   */
  setActive(active: boolean): void {
    if (active) this.child.ref();
    else this.child.unref();
    // A child's pipes are net.Sockets (their declared types, Readable/Writable, do not say so).
    for (const s of [this.child.stdout, this.child.stderr, this.child.stdin]) {
      if (s instanceof Socket) {
        if (active) s.ref();
        else s.unref();
      }
    }
  }

  send(line: string): void {
    this.child.stdin?.write(line);
  }

  /**
   * SIGKILL. With namespaces, node itself first: unshare then reaps it and exits on its own, so
   * nothing is left for init to reap; the whole process group a second later as the backstop
   * (and at once while the node PID is not known yet). Idempotent.
   */
  kill(): void {
    this.reader.close();
    const pid = this.child.pid;
    if (!pid || this.exited) return;
    const group = () => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    if (!this.hostPid || this.hostPid === pid) {
      group();
      return;
    }
    try {
      process.kill(this.hostPid, "SIGKILL");
    } catch {
      // already gone
    }
    setTimeout(() => {
      if (!this.exited) group();
    }, 1000).unref();
  }

  /** Lowers the priority of every thread of the child (when nice(1) could not start it niced). */
  renice(nice: number): void {
    if (nice <= 0) return;
    const pid = this.hostPid || this.child.pid || 0;
    let tids: number[];
    try {
      tids = fs.readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      tids = [pid];
    }
    for (const tid of tids) {
      try {
        os.setPriority(tid, nice);
      } catch {
        // gone, or not ours to change: best effort
      }
    }
  }

  /** RSS when it became ready: requests' memory growth is measured from here. */
  baseRss = 0;
  private baseHwm = 0;
  /** Largest RSS seen during the current request. */
  private runPeak = 0;

  markBaseline(): void {
    const m = this.memory();
    this.baseRss = Number.isFinite(m.rss) ? m.rss : 0;
    this.baseHwm = Number.isFinite(m.hwm) ? m.hwm : 0;
  }

  startRun(): void {
    this.runPeak = 0;
  }

  /**
   * RSS growth over the baseline now, and the current request's peak growth: sampled peaks,
   * and the kernel's high-water mark when it rose past the one at start (then it is the exact
   * peak since). NaN `now` when /proc is not readable.
   */
  sampleGrowth(): { now: number; peak: number } {
    const { rss, hwm } = this.memory();
    if (!Number.isFinite(rss)) return { now: Number.NaN, peak: this.runPeak > 0 ? this.runPeak - this.baseRss : 0 };
    if (rss > this.runPeak) this.runPeak = rss;
    const peak = hwm > this.baseHwm ? Math.max(hwm, this.runPeak) : this.runPeak;
    return { now: rss - this.baseRss, peak: peak - this.baseRss };
  }

  /** Resident memory of the node child and its high-water mark, in bytes (NaN when unreadable). */
  memory(): { rss: number; hwm: number } {
    return memoryOf(this.hostPid || this.child.pid || 0);
  }

  /** RSS of every process of the group (unshare and node). */
  totalRss(): number {
    const own = this.child.pid ?? 0;
    const a = memoryOf(this.hostPid || own).rss;
    const b = this.hostPid && this.hostPid !== own ? memoryOf(own).rss : 0;
    return (Number.isFinite(a) ? a : 0) + (Number.isFinite(b) ? b : 0);
  }

  private onLine(line: Buffer): void {
    if (this.awaitingValue) {
      const { frame } = this.awaitingValue;
      this.awaitingValue = null;
      this.reader.limit = IDLE_LINE_LIMIT;
      this.events.done(this, frame, line.toString("utf8"));
      return;
    }
    let f: RawFrame;
    try {
      // `as`: untrusted JSON; every field is checked where it is read.
      f = JSON.parse(line.toString("utf8")) as RawFrame;
      if (!f || typeof f !== "object" || Array.isArray(f)) throw new Error("not an object");
    } catch {
      this.events.broken(this, `unreadable frame: ${line.subarray(0, 120).toString("utf8")}`);
      return;
    }
    switch (f.type) {
      case "ready":
        this.hostPid = findHostPid(this.child.pid ?? 0);
        this.events.ready(this, { heapBytes: num(f.heapBytes), startMs: num(f.startMs) });
        return;
      case "log":
        this.events.log(this, num(f.id), f.logs, f.logsTruncated);
        return;
      case "done": {
        const frame: DoneFrame = { id: num(f.id), ok: f.ok === true, error: f.error, logs: f.logs, logsTruncated: f.logsTruncated };
        if (frame.ok) {
          // The value follows on its own line, under the cap the pool set for it (see expectValue).
          this.awaitingValue = { frame };
          this.reader.limit = this.valueLimit;
        } else this.events.done(this, frame);
        return;
      }
      case "idle":
        this.events.idle(this, { dirty: typeof f.dirty === "string" ? f.dirty.slice(0, 200) : "bad idle frame", heapBytes: num(f.heapBytes) });
        return;
      default:
        this.events.broken(this, `unknown frame ${String(f.type).slice(0, 20)}`);
    }
  }

  /** Cap of a result value line for the running request (set at dispatch). */
  valueLimit = IDLE_LINE_LIMIT;

  /** True while the child owes the value line of an ok result (an overflow then means OUTPUT_TOO_LARGE). */
  get readingValue(): boolean {
    return this.awaitingValue !== null;
  }
}

function num(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? v : 0;
}

export function memoryOf(pid: number): { rss: number; hwm: number } {
  if (!pid) return { rss: Number.NaN, hwm: Number.NaN };
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (re: RegExp) => {
      const m = re.exec(status);
      return m ? Number(m[1]) * 1024 : Number.NaN;
    };
    return { rss: kb(/VmRSS:\s+(\d+) kB/), hwm: kb(/VmHWM:\s+(\d+) kB/) };
  } catch {
    return { rss: Number.NaN, hwm: Number.NaN };
  }
}

/** With namespaces, node is unshare's child: its PID as this host sees it (else the process itself). */
function findHostPid(pid: number): number {
  if (!pid) return 0;
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).map(Number).filter((n) => n > 0);
    if (children.length > 0) return children[0];
  } catch {
    // kernels without CONFIG_PROC_CHILDREN: look for the child by its parent PID
    try {
      for (const name of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(name)) continue;
        const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) return Number(name);
      }
    } catch {
      // no /proc at all (not Linux): the RSS watchdog is off, the WebAssembly cap still holds
    }
  }
  return pid;
}
