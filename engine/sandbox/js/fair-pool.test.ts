import { afterEach, describe, expect, it } from "vitest";
import type { SandboxLimits, SandboxResult } from "../types";
import { createJsSandbox, type JsSandbox, type JsSandboxStats } from "./index";

// Issue 13, failures 3 and 6, through real QuickJS workers. No step depends on how fast anything
// runs: long calls spin until the test cancels them, and the test waits for the pool's counters
// (with a generous guard against hangs only).
const MB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 60_000, memoryBytes: 64 * MB, maxLogBytes: 16 * 1024, maxOutputBytes: MB };
/** A call that spins until it is cancelled (or its 60 s run out). */
const SPIN = "const end = Date.now() + 55000; while (Date.now() < end) {} return 'spun'";
/** What one worker reserves by default: V8 heap 256 + young 48 + stack 16 + WebAssembly 16 + 64 MiB. */
const WORKER_BYTES = 400 * MB;
/** A budget for `n` code workers: the expression lane's two are set aside first. */
const budgetFor = (n: number) => (2 + n) * WORKER_BYTES;

let sandbox: JsSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function until(what: string, ok: (s: JsSandboxStats) => boolean, sb: JsSandbox): Promise<void> {
  const guard = Date.now() + 60_000;
  while (!ok(sb.stats())) {
    if (Date.now() > guard) throw new Error(`never reached: ${what} (${JSON.stringify(sb.stats())})`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A call whose settlement is observable without awaiting it. */
function tracked(p: Promise<SandboxResult>) {
  const t = { settled: false, result: p };
  void p.then(() => (t.settled = true));
  return t;
}

describe("fair shares between apps (failure 3)", () => {
  it("answers app B's calls while app A's long calls keep running", async () => {
    sandbox = createJsSandbox({ poolSize: 2, memoryBudgetBytes: budgetFor(4), maxWaitMs: 1000, killGraceMs: 10_000 });
    const sb = sandbox;
    await sb.warmUp();
    const stopA = new AbortController();
    const a = [1, 2].map(() => tracked(sb.run({ kind: "code", source: SPIN, scope: {}, limits }, stopA.signal, "app-a")));
    await until("both of A's calls running", (s) => s.busy === 2, sb);

    for (let i = 0; i < 4; i++) {
      expect(await sb.run({ kind: "code", source: "return n * 2", scope: { n: i }, limits }, undefined, "app-b")).toMatchObject({ ok: true, value: i * 2 });
    }
    // The engine's port for an app (server/runtime/engine.ts) carries the same key.
    expect(await sb.forKey("app-b").run({ kind: "code", source: "return 'port'", scope: {}, limits })).toMatchObject({ ok: true, value: "port" });
    expect(a.map((c) => c.settled)).toEqual([false, false]);
    expect(sb.stats()).toMatchObject({ rejectedBusy: 0 });

    stopA.abort();
    for (const c of a) expect(await c.result).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED" } });
  });

  it("serves keys round-robin within their share when the pool cannot grow; a call within its share waits, one over it is refused", async () => {
    // Two workers at most: app A alone may use both; once B waits, A's share is one worker, so
    // the worker A frees goes to B, not to A's own queued call. B may wait past `maxWaitMs` (it
    // is within its share: a worker frees within the longest timeout); A's third call may not.
    sandbox = createJsSandbox({ poolSize: 2, maxWorkers: 2, maxWaitMs: 200, killGraceMs: 10_000 });
    const sb = sandbox;
    await sb.warmUp();
    const stops = [new AbortController(), new AbortController()];
    const running = stops.map((c) => tracked(sb.run({ kind: "code", source: SPIN, scope: {}, limits }, c.signal, "app-a")));
    await until("A holds both workers", (s) => s.busy === 2, sb);
    const queuedA = sb.run({ kind: "code", source: "return 'a3'", scope: {}, limits }, undefined, "app-a");
    const b = tracked(sb.run({ kind: "code", source: "return 'b'", scope: {}, limits }, undefined, "app-b"));
    expect(sb.stats().queued).toBe(2);

    expect(await queuedA).toMatchObject({ ok: false, error: { code: "EXECUTOR_BUSY" } });
    expect(b.settled).toBe(false);
    stops[0].abort(); // frees a worker (terminated and replaced)
    expect(await b.result).toMatchObject({ ok: true, value: "b" });
    expect(running[1].settled).toBe(false);
    expect(sb.stats()).toMatchObject({ rejectedBusy: 1 });

    stops[1].abort();
    for (const c of running) expect(await c.result).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED" } });
  });

  it("keeps one worker of three for an app arriving while another app calls alone", async () => {
    sandbox = createJsSandbox({ poolSize: 3, maxWorkers: 3, maxWaitMs: 30_000, killGraceMs: 10_000 });
    const sb = sandbox;
    await sb.warmUp();
    const stop = new AbortController();
    const a = [1, 2, 3].map(() => tracked(sb.run({ kind: "code", source: SPIN, scope: {}, limits }, stop.signal, "app-a")));
    await until("A at its share", (s) => s.busy === 2 && s.queued === 1, sb);
    expect(await sb.run({ kind: "code", source: "return 'b'", scope: {}, limits }, undefined, "app-b")).toMatchObject({ ok: true, value: "b" });
    expect(a.map((c) => c.settled)).toEqual([false, false, false]);
    stop.abort();
    for (const c of a) expect(await c.result).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED" } });
  });
});

describe("templates have their own lane", () => {
  it("evaluates an expression while every code worker is busy, within the lane's time budget", async () => {
    sandbox = createJsSandbox({ poolSize: 1, maxWaitMs: 500, killGraceMs: 10_000, templateTimeoutMs: 300 });
    const sb = sandbox;
    await sb.warmUp();
    const stop = new AbortController();
    const long = tracked(sb.run({ kind: "code", source: SPIN, scope: {}, limits }, stop.signal));
    await until("the code worker busy", (s) => s.busy === 1, sb);

    const r = await sb.run({ kind: "expressions", expressions: ["n + 1", "`id-${n}`"], scope: { n: 41 }, limits });
    expect(r).toMatchObject({ ok: true, value: [42, "id-41"] });
    // User-written: sandboxed, and stopped at the lane's budget whatever the block's timeout is.
    const loop = await sb.run({ kind: "expressions", expressions: ["(() => { while (true) {} })()"], scope: {}, limits });
    expect(loop).toMatchObject({ ok: false, error: { code: "SANDBOX_TIMEOUT", message: "Code ran longer than 300 ms" } });
    // And within the lane's memory: the block's 256 MiB do not apply to a `{{ }}`.
    const hog = await sb.run({ kind: "expressions", expressions: ["'x'.repeat(100 * 1024 * 1024).length"], scope: {}, limits: { ...limits, memoryBytes: 256 * MB } });
    expect(hog).toMatchObject({ ok: false, error: { code: "SANDBOX_MEMORY" } });
    expect(long.settled).toBe(false);

    stop.abort();
    expect(await long.result).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED" } });
  });
});

describe("the longest block timeout", () => {
  it("cuts a block's timeout to maxTimeoutMs, which bounds how long a call within its share waits", async () => {
    sandbox = createJsSandbox({ poolSize: 1, maxTimeoutMs: 200, maxWaitMs: 30_000, killGraceMs: 10_000 });
    const r = await sandbox.run({ kind: "code", source: "while (true) {}", scope: {}, limits });
    expect(r).toMatchObject({ ok: false, error: { code: "SANDBOX_TIMEOUT", message: "Code ran longer than 200 ms" } });
  });
});

describe("a pool that grows and shrinks within its memory budget", () => {
  it("starts workers while calls wait, up to the budget, and stops them when idle", async () => {
    sandbox = createJsSandbox({ poolSize: 1, memoryBudgetBytes: budgetFor(3), idleMs: 200, maxWaitMs: 1000, killGraceMs: 10_000 });
    const sb = sandbox;
    await sb.warmUp();
    expect(sb.stats()).toMatchObject({ size: 1, maxSize: 3, workersStarted: 1 });

    const stop = new AbortController();
    const calls = ["a", "a", "b"].map((key) => tracked(sb.run({ kind: "code", source: SPIN, scope: {}, limits }, stop.signal, key)));
    await until("three calls running", (s) => s.busy === 3, sb);
    // A fourth waits in the queue: the budget holds no fourth worker.
    const fourth = tracked(sb.run({ kind: "code", source: "return 4", scope: {}, limits }, undefined, "c"));
    expect(sb.stats()).toMatchObject({ size: 3, busy: 3, queued: 1, workersStarted: 3, rejectedBusy: 0 });
    expect(sb.stats().reservedBytes).toBeLessThanOrEqual(3 * WORKER_BYTES);

    stop.abort();
    expect(await fourth.result).toMatchObject({ ok: true, value: 4 });
    for (const c of calls) expect(await c.result).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED" } });
    await until("back to one worker", (s) => s.size === 1 && s.ready === 1, sb);
    expect(sb.stats().shrunk).toBeGreaterThanOrEqual(2);
    expect(await sb.run({ kind: "code", source: "return 5", scope: {}, limits })).toMatchObject({ ok: true, value: 5 });
  });
});

describe("a grown pool under short calls", () => {
  it("gives up the workers it grew for long calls as soon as short calls are all that is left, without waiting to be idle", async () => {
    sandbox = createJsSandbox({ poolSize: 1, memoryBudgetBytes: budgetFor(3), idleMs: 600_000, maxWaitMs: 1000, killGraceMs: 10_000 });
    const sb = sandbox;
    await sb.warmUp();
    const stop = new AbortController();
    const calls = ["a", "a", "b"].map((key) => tracked(sb.run({ kind: "code", source: SPIN, scope: {}, limits }, stop.signal, key)));
    await until("grown to three workers for three long calls", (s) => s.size === 3 && s.busy === 3, sb);
    stop.abort();
    for (const c of calls) expect(await c.result).toMatchObject({ ok: false, error: { code: "RUN_CANCELLED" } });
    // Short calls keep the pool busy, so it is never idle for `idleMs`: the extra workers go anyway.
    for (let i = 0; i < 6; i++) expect(await sb.run({ kind: "code", source: "return n", scope: { n: i }, limits }, undefined, "a")).toMatchObject({ ok: true, value: i });
    await until("back to one worker", (s) => s.size === 1, sb);
    expect(sb.stats().shrunk).toBeGreaterThanOrEqual(2);
  });
});

describe("memory comes back (failure 6)", () => {
  it("replaces a worker whose run grew its memory past the threshold, and only that one", async () => {
    sandbox = createJsSandbox({ poolSize: 1, recycleWorkerAboveBytes: 64 * MB, maxWaitMs: 30_000, killGraceMs: 10_000 });
    const sb = sandbox;
    await sb.warmUp();
    const big = { ...limits, memoryBytes: 256 * MB };
    expect(await sb.run({ kind: "code", source: "return 1", scope: {}, limits: big })).toMatchObject({ ok: true, value: 1 });
    expect(sb.stats()).toMatchObject({ recycled: 0, workersStarted: 1 });

    const grown = await sb.run({ kind: "code", source: "const s = 'x'.repeat(80 * 1024 * 1024) + 'y'; return s.length", scope: {}, limits: big });
    expect(grown).toMatchObject({ ok: true, value: 80 * MB + 1 });
    expect(sb.stats()).toMatchObject({ recycled: 1, workersStarted: 2 });
    expect(await sb.run({ kind: "code", source: "return 2", scope: {}, limits })).toMatchObject({ ok: true, value: 2 });
    expect(sb.stats()).toMatchObject({ recycled: 1, workersStarted: 2 });
  });
});
