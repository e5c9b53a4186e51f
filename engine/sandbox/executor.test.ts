import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Executor, type ExecutorHooks, type Runner } from "./executor";
import type { SandboxLimits, SandboxResult } from "./types";

/**
 * The executor core with fake runners and a fake clock: every timing rule (wait, deadline,
 * back-off) is checked by moving the clock, never by waiting on it.
 */

const limits: SandboxLimits = { timeoutMs: 1000, memoryBytes: 1 << 20, maxLogBytes: 1000, maxOutputBytes: 1000 };

interface FakeRunner extends Runner<string> {
  name: string;
  ready: boolean;
  sent: string[];
  discarded: boolean;
}

function setUp(size = 1, over: Partial<ExecutorHooks<string, FakeRunner>> = {}, options = { maxQueue: 2, maxWaitMs: 500 }) {
  const runners: FakeRunner[] = Array.from({ length: size }, (_, i) => ({ name: `r${i}`, job: null, ready: true, sent: [], discarded: false }));
  const core = new Executor<string, FakeRunner>(
    { name: "JavaScript", size, ...options },
    {
      pick: () => runners.find((r) => r.ready && !r.job && !r.discarded),
      send: (r, job) => r.sent.push(job.payload),
      deadlineMs: (job) => job.limits.timeoutMs + 100,
      discard: (r) => {
        r.discarded = true;
      },
      readyCount: () => runners.filter((r) => r.ready && !r.discarded).length,
      ...over,
    },
  );
  return { core, runners };
}

const ok = (value: unknown): SandboxResult => ({ ok: true, value, logs: [], logsTruncated: false });
const codeOf = (r: SandboxResult) => (r.ok ? "ok" : r.error.code);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("executor core", () => {
  it("dispatches to an idle runner and answers what the runner answers", async () => {
    const { core, runners } = setUp();
    const p = core.submit("a", limits);
    expect(runners[0].sent).toEqual(["a"]);
    expect(runners[0].job?.payload).toBe("a");
    core.complete(runners[0], ok(1));
    expect(await p).toEqual(ok(1));
    expect(runners[0].job).toBeNull();
    expect(core.counters.completed).toBe(1);
  });

  it("queues behind a busy runner, refuses a full queue at once, and a long wait with EXECUTOR_BUSY", async () => {
    const { core, runners } = setUp(1, {}, { maxQueue: 1, maxWaitMs: 500 });
    const running = core.submit("a", limits);
    const queued = core.submit("b", limits);
    const full = await core.submit("c", limits);
    expect(full).toMatchObject({ ok: false, error: { code: "EXECUTOR_BUSY", status: 503, detail: "queue full" } });
    expect(core.queued).toBe(1);
    vi.advanceTimersByTime(499);
    expect(core.queued).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await queued).toMatchObject({ ok: false, error: { code: "EXECUTOR_BUSY", message: "The JavaScript sandbox is busy; try again shortly" } });
    expect(core.counters.rejectedBusy).toBe(2);
    core.complete(runners[0], ok("a"));
    expect(await running).toEqual(ok("a"));
  });

  it("serves the queue in order when a runner frees up", async () => {
    const { core, runners } = setUp();
    const a = core.submit("a", limits);
    const b = core.submit("b", limits);
    core.complete(runners[0], ok("a"));
    core.pump();
    expect(runners[0].sent).toEqual(["a", "b"]);
    core.complete(runners[0], ok("b"));
    expect([await a, await b]).toEqual([ok("a"), ok("b")]);
  });

  it("lets a hook extend the wait (Python, before the pool was ever ready)", async () => {
    const waited: number[] = [];
    const { core, runners } = setUp(1, {
      extraWaitMs: (ms) => {
        waited.push(ms);
        return waited.length === 1 ? 1000 : 0;
      },
    });
    runners[0].ready = false;
    const p = core.submit("a", limits);
    vi.advanceTimersByTime(500);
    expect(core.queued).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(codeOf(await p)).toBe("EXECUTOR_BUSY");
    expect(waited).toHaveLength(2);
  });

  it("kills a runner at its job's deadline: SANDBOX_TIMEOUT, discarded, counted", async () => {
    const { core, runners } = setUp();
    const p = core.submit("a", limits);
    vi.advanceTimersByTime(1099);
    expect(runners[0].discarded).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await p).toMatchObject({ ok: false, error: { code: "SANDBOX_TIMEOUT", message: "Code ran longer than 1000 ms" } });
    expect(runners[0].discarded).toBe(true);
    expect(core.counters.timedOut).toBe(1);
    // A late answer of the killed runner changes nothing.
    expect(core.complete(runners[0], ok(1))).toBeNull();
    expect(core.counters.completed).toBe(0);
  });

  it("cancels: an aborted signal refuses at once, drops a queued job, kills a running one", async () => {
    const { core, runners } = setUp();
    const pre = new AbortController();
    pre.abort();
    expect(codeOf(await core.submit("x", limits, pre.signal))).toBe("RUN_CANCELLED");
    const running = new AbortController();
    const queued = new AbortController();
    const a = core.submit("a", limits, running.signal);
    const b = core.submit("b", limits, queued.signal);
    queued.abort();
    expect(await b).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED", status: 499 } });
    expect(core.queued).toBe(0);
    running.abort();
    expect(codeOf(await a)).toBe("RUN_CANCELLED");
    expect(runners[0].discarded).toBe(true);
    expect(core.counters.cancelled).toBe(3);
  });

  it("keeps the logs a job streamed when the pool stops it", async () => {
    const { core, runners } = setUp();
    const p = core.submit("a", limits);
    runners[0].job?.logs.add([{ level: "log", message: "before", t: 1 }], false);
    core.kill(runners[0], "SANDBOX_MEMORY");
    expect(await p).toMatchObject({ ok: false, error: { code: "SANDBOX_MEMORY" }, logs: [{ level: "log", message: "before", t: 1 }] });
    expect(core.counters.memoryKills).toBe(1);
  });

  it("retries failed starts twice, then answers waiting jobs, refuses new ones and backs off", async () => {
    const { core, runners } = setUp();
    runners[0].ready = false;
    const waiting = core.submit("a", limits);
    const warm = core.whenReady();
    expect(core.startFailed("boom", false)).toBe(true);
    expect(core.startFailed("boom", false)).toBe(true);
    const after = vi.fn();
    expect(core.startFailed("boom", false, after)).toBe(false);
    expect(await waiting).toMatchObject({ ok: false, error: { code: "SANDBOX_CRASHED", detail: "the JavaScript sandbox failed to start: boom" } });
    await expect(warm).rejects.toThrow(/failed to start: boom/);
    expect(core.backingOff).toBe(true);
    expect(codeOf(await core.submit("b", limits))).toBe("SANDBOX_CRASHED");
    vi.advanceTimersByTime(999);
    expect(after).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(after).toHaveBeenCalledOnce();
    expect(core.backingOff).toBe(false);
    // The next failure in a row backs off twice as long; a fatal one backs off at once.
    expect(core.startFailed("again", false)).toBe(false);
    vi.advanceTimersByTime(1999);
    expect(core.backingOff).toBe(true);
    vi.advanceTimersByTime(1);
    expect(core.backingOff).toBe(false);
    core.runnerReady();
    expect(core.startFailed("prepare failed", true)).toBe(false);
  });

  it("resolves warm-up waiters when every runner is ready", async () => {
    const { core, runners } = setUp(2);
    runners[0].ready = false;
    runners[1].ready = false;
    let done = false;
    void core.whenReady().then(() => (done = true));
    runners[0].ready = true;
    core.runnerReady();
    await Promise.resolve();
    expect(done).toBe(false);
    runners[1].ready = true;
    core.runnerReady();
    await Promise.resolve();
    expect(done).toBe(true);
    await expect(core.whenReady()).resolves.toBeUndefined();
  });

  it("on close answers queued jobs EXECUTOR_BUSY and running ones RUN_CANCELLED, and refuses new ones", async () => {
    const { core } = setUp();
    const running = core.submit("a", limits);
    const queued = core.submit("b", limits);
    core.close();
    expect(await running).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED", detail: "sandbox closed" } });
    expect(await queued).toMatchObject({ ok: false, error: { code: "EXECUTOR_BUSY", detail: "sandbox closed" } });
    expect(codeOf(await core.submit("c", limits))).toBe("EXECUTOR_BUSY");
    await expect(core.whenReady()).rejects.toThrow(/closed/);
  });
});

describe("fair shares across keys", () => {
  const share = (size: number) => (activeKeys: number) => Math.ceil(size / activeKeys);

  it("keeps a key within its share while another waits, and serves keys round-robin", async () => {
    const { core, runners } = setUp(2, { sharePerKey: share(2) }, { maxQueue: 10, maxWaitMs: 60_000 });
    // As the pools do: a runner answers, then the queue is served.
    const answer = (r: FakeRunner, v: number) => {
      core.complete(r, ok(v));
      core.pump();
    };
    // A alone may use both runners.
    const a = ["a1", "a2", "a3", "a4"].map((p) => core.submit(p, limits, undefined, "A"));
    expect(runners.map((r) => r.job?.payload)).toEqual(["a1", "a2"]);
    const b = ["b1", "b2"].map((p) => core.submit(p, limits, undefined, "B"));
    expect(core.dispatchable()).toBe(1); // B's first call is within its share of one: a growing pool starts a runner for it
    // Two keys: one runner each. The runner A frees goes to B, though A's calls came first.
    answer(runners[0], 1);
    expect(runners[0].job?.payload).toBe("b1");
    expect(core.runningOf("A")).toBe(1);
    expect(core.runningOf("B")).toBe(1);
    answer(runners[1], 2);
    expect(runners[1].job?.payload).toBe("a3");
    answer(runners[0], 3);
    expect(runners[0].job?.payload).toBe("b2");
    answer(runners[1], 4);
    expect(runners[1].job?.payload).toBe("a4");
    answer(runners[0], 5);
    answer(runners[1], 6);
    expect((await Promise.all([...a, ...b])).map(codeOf)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    expect(core.runningOf("A") + core.runningOf("B")).toBe(0);
  });

  it("counts waiting calls within their share as dispatchable (what a growing pool starts runners for)", () => {
    const { core, runners } = setUp(1, { sharePerKey: share(4) }, { maxQueue: 10, maxWaitMs: 60_000 });
    runners[0].ready = false; // nothing free: everything waits
    for (const p of ["a1", "a2", "a3", "a4", "a5"]) void core.submit(p, limits, undefined, "A");
    expect(core.dispatchable()).toBe(4); // A alone: a share of 4
    void core.submit("b1", limits, undefined, "B");
    expect(core.dispatchable()).toBe(3); // two keys: 2 of A's, B's one
  });
});
