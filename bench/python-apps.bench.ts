import { pathToFileURL } from "node:url";
import { createPythonSandbox, type PythonSandboxHandle, type PythonSandboxOptions } from "../engine/sandbox/python";
import type { SandboxLimits } from "../engine/sandbox/types";
import { ms, num, table } from "./lib/format";

/**
 * Python across apps (issue 13, failure 4), in process: sequential calls of ONE app against
 * calls of THREE apps in turn, and 12 clients spread over three apps, each with the pool as it
 * is now (warm processes per app, a spare, within the memory budget) beside the pool as it was
 * (two processes, no spare: every switch of app restored a child), in the same run.
 * `npx tsx bench/python-apps.bench.ts` runs it alone; BENCH_SECONDS sets the load's length.
 */

const MIB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 5000, memoryBytes: 64 * MIB, maxLogBytes: 64 * 1024, maxOutputBytes: MIB };
const SOURCE = "return {'sum': a + b, 'app': app}";
const APPS = ["app-1", "app-2", "app-3"];
const SEQUENTIAL = Number(process.env.BENCH_PY_CALLS ?? 150);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

function p50(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)];
}

async function call(py: PythonSandboxHandle, app: string): Promise<boolean> {
  const r = await py.run({ kind: "code", source: SOURCE, scope: { a: 1, b: 2, app }, limits, isolationKey: app });
  return r.ok;
}

async function settle(py: PythonSandboxHandle): Promise<void> {
  while (py.stats().starting > 0) await new Promise((r) => setTimeout(r, 20));
}

async function sequential(py: PythonSandboxHandle, apps: string[]): Promise<{ p50: number; restores: number; errors: number }> {
  for (const app of apps) await call(py, app);
  await settle(py);
  const started = py.stats().processesStarted;
  const xs: number[] = [];
  let errors = 0;
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    if (!(await call(py, apps[i % apps.length]))) errors++;
    xs.push(performance.now() - t0);
  }
  return { p50: p50(xs), restores: py.stats().processesStarted - started, errors };
}

async function load(py: PythonSandboxHandle, clients: number): Promise<{ calls: number; errors: number }> {
  const end = performance.now() + SECONDS * 1000;
  let calls = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < end) {
        calls++;
        if (!(await call(py, APPS[c % APPS.length]))) errors++;
      }
    }),
  );
  return { calls, errors };
}

async function measure(options: PythonSandboxOptions) {
  const py = createPythonSandbox(options);
  try {
    await py.warmUp();
    const one = await sequential(py, [APPS[0]]);
    const three = await sequential(py, APPS);
    const clients12 = await load(py, 12);
    return { one, three, clients12, processes: py.stats().processes.length };
  } finally {
    await py.close();
  }
}

export async function pythonAppsBench() {
  const before = await measure({ poolSize: 2, maxProcesses: 2, spare: 0 });
  const now = await measure({ poolSize: 2 });
  console.log("\nPython across apps, in process (three apps in turn; 12 clients over three apps):\n");
  console.log(
    table([
      ["", "now", "before (2 processes, no spare)"],
      ["one app, sequential p50", ms(now.one.p50), ms(before.one.p50)],
      ["three apps in turn, sequential p50", ms(now.three.p50), ms(before.three.p50)],
      [`  restores during ${SEQUENTIAL} calls`, String(now.three.restores), String(before.three.restores)],
      ["  errors", String(now.three.errors + now.one.errors), String(before.three.errors + before.one.errors)],
      [`12 clients on 3 apps, ${SECONDS} s: calls`, num(now.clients12.calls), num(before.clients12.calls)],
      ["  refused or failed", String(now.clients12.errors), String(before.clients12.errors)],
      ["processes at the end", String(now.processes), String(before.processes)],
    ]),
  );
  return { now, before };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  void pythonAppsBench().then(() => process.exit(0));
}
