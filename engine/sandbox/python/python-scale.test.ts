import { afterAll, describe, expect, it } from "vitest";
import type { SandboxLimits } from "../types";
import { createPythonSandbox, type PythonSandboxHandle } from ".";

/**
 * Python under several apps and more calls than processes (issue 13, failure 4): warm processes
 * per active app, a restored spare kept ready, calls that wait rather than being refused. Real
 * Pyodide in real child processes; assertions on the pool's counters, never on time.
 */

const MIB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 20_000, memoryBytes: 64 * MIB, maxLogBytes: 16 * 1024, maxOutputBytes: MIB };
const opened: PythonSandboxHandle[] = [];

afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
});

function sandbox(options: Parameters<typeof createPythonSandbox>[0]): PythonSandboxHandle {
  const py = createPythonSandbox(options);
  opened.push(py);
  return py;
}

/** Until no process is starting (background restores done); a guard against hangs, not a timing. */
async function settled(py: PythonSandboxHandle): Promise<void> {
  while (py.stats().starting > 0 || py.stats().busy > 0) await new Promise((r) => setTimeout(r, 20));
}

describe("three apps calling Python in turn", () => {
  it("restore no child on the request path once each app has its warm process, and none is refused", async () => {
    const py = sandbox({ poolSize: 2, maxProcesses: 4 });
    await py.warmUp();
    const apps = ["app-a", "app-b", "app-c"];
    const call = (app: string, i: number) => py.run({ kind: "code", source: "return [app, i * 2]", scope: { app, i }, limits, isolationKey: app });
    // Warm-up: each app binds a process (the spare is restored again in the background).
    for (const app of apps) expect(await call(app, 0)).toMatchObject({ ok: true, value: [app, 0] });
    await settled(py);
    const before = py.stats();
    for (let round = 1; round <= 6; round++) {
      for (const app of apps) expect(await call(app, round)).toMatchObject({ ok: true, value: [app, round * 2] });
    }
    await settled(py);
    const after = py.stats();
    expect(after.processesStarted - before.processesStarted).toBe(0);
    expect(after.recycled - before.recycled).toBe(0);
    expect(after.rejectedBusy).toBe(0);
    expect(after.keys).toBe(3);
    expect(after.processes.length).toBeLessThanOrEqual(4);
  }, 180_000);
});

describe("more concurrent calls than processes", () => {
  it("wait in the queue and all succeed (none refused while the pool is within its budget)", async () => {
    const py = sandbox({ poolSize: 1, maxProcesses: 2 });
    await py.warmUp();
    const n = 40;
    const source = "t = 0\nfor k in range(20000):\n    t += k % 7\nreturn [i, t]";
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => py.run({ kind: "code", source, scope: { i }, limits, isolationKey: "busy-app" })),
    );
    expect(results.map((r) => (r.ok ? (r.value as number[])[0] : r.error.code))).toEqual(Array.from({ length: n }, (_, i) => i));
    const s = py.stats();
    expect(s.rejectedBusy).toBe(0);
    expect(s.processes.length).toBeLessThanOrEqual(2);
  }, 180_000);
});
