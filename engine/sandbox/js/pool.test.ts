import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createJsSandbox, type JsSandbox } from "./index";

// The hard deadline must hold even when the worker cannot cooperate at all: this worker blocks
// its thread in plain JavaScript, where no QuickJS interrupt handler exists.
const HANG_WORKER = path.join(import.meta.dirname, "test-hang-worker.mjs");
const limits = { timeoutMs: 100, memoryBytes: 64 * 1024 * 1024, maxLogBytes: 10_000, maxOutputBytes: 100_000 };

let sandbox: JsSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe("worker pool hard limits", () => {
  it("terminates a worker that does not answer by deadline + grace, answers SANDBOX_TIMEOUT, and replaces it", async () => {
    // Timed from a ready worker, and a long admission wait: how fast a worker starts on a loaded
    // machine is not what this measures.
    sandbox = createJsSandbox({ poolSize: 1, workerPath: HANG_WORKER, killGraceMs: 100, maxWaitMs: 30_000 });
    await sandbox.warmUp();
    const started = performance.now();
    const r = await sandbox.run({ kind: "code", source: "hang", scope: {}, limits });
    const elapsed = performance.now() - started;
    expect(r).toMatchObject({ ok: false, error: { code: "SANDBOX_TIMEOUT", message: "Code ran longer than 100 ms" } });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2000);

    const next = await sandbox.run({ kind: "code", source: "answer", scope: {}, limits });
    expect(next).toMatchObject({ ok: true, value: 42 });
    expect(sandbox.stats()).toMatchObject({ timedOut: 1, workersStarted: 2 });
  });

  it("answers SANDBOX_CRASHED quickly when workers cannot start", async () => {
    // The answer comes with the third failed start, however long a loaded machine takes to fail them.
    sandbox = createJsSandbox({ poolSize: 1, workerPath: path.join(import.meta.dirname, "does-not-exist.mjs"), maxWaitMs: 30_000 });
    const r = await sandbox.run({ kind: "code", source: "return 1", scope: {}, limits });
    expect(r).toMatchObject({ ok: false, error: { code: "SANDBOX_CRASHED", status: 500 } });
  });
});
