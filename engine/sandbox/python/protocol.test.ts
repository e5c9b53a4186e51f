import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultChildPath } from ".";
import { planLaunch } from "./launch";
import type { RunHeader } from "./protocol";
import { PythonProcess, type DoneFrame, type ProcessEvents } from "./python-process";
import { ensureSnapshot } from "./snapshot";

/**
 * The frames of protocol.ts through a REAL child (child.mjs running harness.py from the
 * snapshot): harness.py is Python and cannot import protocol.ts, so this is what fails when a
 * field is renamed on one side only. python-process.ts reads a missing or misnamed number as 0
 * and a misnamed flag as undefined; every field is asserted to have come through.
 */

type Event =
  | { kind: "ready"; heapBytes: number; startMs: number }
  | { kind: "log"; id: number; logs: unknown; truncated: unknown }
  | { kind: "done"; frame: DoneFrame; value?: string }
  | { kind: "idle"; dirty: string; heapBytes: number }
  | { kind: "broken"; why: string };

let proc: PythonProcess;
const events: Event[] = [];
let notify = () => {};

/** Resolves when an event of `kind` has arrived (events are kept, so none is missed). */
function next<K extends Event["kind"]>(kind: K): Promise<Extract<Event, { kind: K }>> {
  return new Promise((resolve) => {
    const check = () => {
      const i = events.findIndex((e) => e.kind === kind || e.kind === "broken");
      if (i < 0) return false;
      const [e] = events.splice(i, 1);
      if (e.kind === "broken") throw new Error(`the child broke the protocol: ${e.why}`);
      // `as`: findIndex matched `kind` (or threw above for "broken").
      resolve(e as Extract<Event, { kind: K }>);
      return true;
    };
    if (check()) return;
    notify = () => {
      if (check()) notify = () => {};
    };
  });
}

const sink: ProcessEvents = {
  ready: (_p, info) => push({ kind: "ready", ...info }),
  log: (_p, id, logs, truncated) => push({ kind: "log", id, logs, truncated }),
  done: (_p, frame, value) => push({ kind: "done", frame, value }),
  idle: (_p, info) => push({ kind: "idle", ...info }),
  broken: (_p, why) => push({ kind: "broken", why }),
  exit: () => {},
};
function push(e: Event) {
  events.push(e);
  notify();
}

function request(header: RunHeader, scope: unknown): string {
  return `${JSON.stringify(header)}\t${JSON.stringify(scope)}\n`;
}

beforeAll(async () => {
  const childPath = defaultChildPath();
  // The real path: the child's permission model allows reading this folder, not a symlink to it.
  const pyodideDir = fs.realpathSync(process.env.LATHE_PYODIDE_DIR ?? path.join(process.cwd(), "node_modules", "pyodide")) + path.sep;
  const plan = await planLaunch({ childPath, pyodideDir, isolation: "auto", childHeapMb: 256, uid: 65534, gid: 65534, nice: 10 });
  const snapshotFile = await ensureSnapshot({
    file: path.join(process.cwd(), "data", "cache", "pyodide-snapshot.bin"),
    pyodideDir,
    childPath,
    harnessPath: path.join(path.dirname(childPath), "harness.py"),
    plan,
    timeoutMs: 120_000,
  });
  proc = new PythonProcess({ plan, snapshotFile, pyodideDir }, sink);
}, 180_000);

afterAll(() => {
  proc?.kill();
});

describe("the Python child protocol (protocol.ts ↔ child.mjs ↔ harness.py)", () => {
  it("ready: heapBytes and startMs", async () => {
    const ready = await next("ready");
    expect(ready.heapBytes).toBeGreaterThan(1024 * 1024);
    expect(ready.startMs).toBeGreaterThan(0);
  }, 60_000);

  it("a request (RunHeader) answered by log, done + value, and idle frames", async () => {
    proc.valueLimit = 1 << 20;
    proc.reader.limit = 1 << 22;
    // 70 prints: the harness streams a `log` batch at 64 entries, the rest ride on `done`.
    const source = "for i in range(70):\n    print('line', i)\nreturn {'n': n + 1}";
    proc.send(request({ id: 7, source, maxLogBytes: 64 * 1024, maxOutputBytes: 1 << 20, startedAt: Date.now(), memoryBytes: 64 << 20 }, { n: 41 }));
    const log = await next("log");
    expect(log.id).toBe(7);
    expect(log.truncated).toBe(false);
    expect(Array.isArray(log.logs) && log.logs.length).toBe(64);
    expect(log.logs).toContainEqual({ level: "log", message: "line 0", t: expect.any(Number) });
    const done = await next("done");
    expect(done.frame).toMatchObject({ id: 7, ok: true, logsTruncated: false });
    expect(Array.isArray(done.frame.logs) && done.frame.logs.length).toBe(6);
    expect(JSON.parse(done.value ?? "")).toEqual({ n: 42 });
    const idle = await next("idle");
    expect(idle.dirty).toBe("");
    expect(idle.heapBytes).toBeGreaterThan(1024 * 1024);
  }, 30_000);

  it("a failure: done with ok false and its error; a truncated log says so", async () => {
    const source = "print('x' * 300)\nraise ServerError('Not found', status=404, data={'id': 3})";
    proc.send(request({ id: 8, source, maxLogBytes: 100, maxOutputBytes: 1 << 20, startedAt: Date.now(), memoryBytes: 64 << 20 }, {}));
    const done = await next("done");
    expect(done.frame).toMatchObject({ id: 8, ok: false, logsTruncated: true, error: { code: "USER_ERROR", status: 404, message: "Not found", data: { id: 3 } } });
    expect(done.value).toBeUndefined();
    await next("idle");
  }, 30_000);
});
