/**
 * Micro-benchmark of the JavaScript sandbox (not a test; run by hand from the repository root):
 *   npx tsx engine/sandbox/js/bench-sandbox.mts [workerA.mjs workerB.mjs ...]
 * With worker paths (e.g. a copy of an older worker.mjs, with its sibling files), measures each
 * of them in turn, ROUNDS times, and prints the median of each figure (the dev machines are
 * shared: single runs are noisy). Figures, per request:
 *   - worker CPU: the worker thread's own CPU time (Linux /proc, via bench-cpu-worker.mjs),
 *     1-worker pool, back-to-back requests; main CPU: the calling thread's
 *   - seq p50: round trip of back-to-back requests on the 2-worker pool (tight loop), and
 *     paced p50 (a 2 ms pause between requests: the worker is warm)
 *   - 16 in flight: requests/s and p50 on the 2-worker pool
 * for `return 1` and for the API benchmark's block (scope a, b, name; an object result).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createJsSandbox } from "./index";
import type { SandboxLimits, SandboxRequest } from "../types";

const MB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 1000, memoryBytes: 64 * MB, maxLogBytes: 16 * 1024, maxOutputBytes: 5 * MB };
const CASES: [string, SandboxRequest][] = [
  ["return 1", { kind: "code", source: "return 1", scope: {}, limits }],
  [
    "api block",
    { kind: "code", source: "return { sum: a + b, greeting: `Hello, ${name}!` };", scope: { a: 1, b: 2, name: "bench" }, limits },
  ],
];
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CPU_WORKER = path.join(import.meta.dirname, "bench-cpu-worker.mjs");
const TICK_MS = 10; // CLK_TCK = 100

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
}
const median = (xs: number[]) => pct(xs, 50);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function mainThreadTicks(): number {
  const fields = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

async function workerTicks(channel: BroadcastChannel): Promise<number> {
  return new Promise((resolve) => {
    channel.onmessage = (e: MessageEvent) => resolve(e.data as number);
    channel.postMessage("cpu");
  });
}

async function cpu(worker: string, r: SandboxRequest, n: number) {
  process.env.BENCH_WORKER = worker;
  const js = createJsSandbox({ poolSize: 1, workerPath: CPU_WORKER });
  const channel = new BroadcastChannel("lathe-bench-cpu");
  try {
    for (let i = 0; i < 300; i++) await js.run(r);
    await pause(20);
    const w0 = await workerTicks(channel);
    const m0 = mainThreadTicks();
    for (let i = 0; i < n; i++) {
      const out = await js.run(r);
      if (!out.ok) throw new Error(JSON.stringify(out));
    }
    const m1 = mainThreadTicks();
    await pause(20);
    const w1 = await workerTicks(channel);
    return { worker: ((w1 - w0) * TICK_MS) / n, main: ((m1 - m0) * TICK_MS) / n };
  } finally {
    channel.close();
    await js.close();
  }
}

async function sequential(worker: string, r: SandboxRequest, n: number, pauseMs: number) {
  const js = createJsSandbox({ poolSize: 2, workerPath: worker });
  try {
    for (let i = 0; i < 300; i++) await js.run(r);
    const ts: number[] = [];
    for (let i = 0; i < n; i++) {
      if (pauseMs) await pause(pauseMs);
      const t = performance.now();
      const out = await js.run(r);
      ts.push(performance.now() - t);
      if (!out.ok) throw new Error(JSON.stringify(out));
    }
    return median(ts);
  } finally {
    await js.close();
  }
}

async function concurrent(worker: string, r: SandboxRequest, total: number, inFlight: number) {
  const js = createJsSandbox({ poolSize: 2, maxQueue: 1000, workerPath: worker });
  try {
    for (let i = 0; i < 300; i++) await js.run(r);
    let next = 0;
    const lat: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next++ < total) {
          const t = performance.now();
          const out = await js.run(r);
          lat.push(performance.now() - t);
          if (!out.ok) throw new Error(JSON.stringify(out));
        }
      }),
    );
    return { perSec: (total / (performance.now() - t0)) * 1000, p50: median(lat) };
  } finally {
    await js.close();
  }
}

const workers = process.argv.length > 2 ? process.argv.slice(2).map((p) => path.resolve(p)) : [path.join(import.meta.dirname, "worker.mjs")];
type Row = { workerCpu: number[]; mainCpu: number[]; seq: number[]; paced: number[]; rps: number[]; p50: number[] };
const rows = new Map<string, Row>();
for (let round = 0; round < ROUNDS; round++) {
  for (const worker of workers) {
    for (const [name, r] of CASES) {
      const key = `${path.relative(process.cwd(), worker)} | ${name}`;
      const row = rows.get(key) ?? { workerCpu: [], mainCpu: [], seq: [], paced: [], rps: [], p50: [] };
      rows.set(key, row);
      const c = await cpu(worker, r, 4000);
      row.workerCpu.push(c.worker);
      row.mainCpu.push(c.main);
      if (process.env.ONLY === "cpu") continue;
      row.seq.push(await sequential(worker, r, 3000, 0));
      row.paced.push(await sequential(worker, r, 300, 2));
      const k = await concurrent(worker, r, 8000, 16);
      row.rps.push(k.perSec);
      row.p50.push(k.p50);
    }
  }
}
const f = (x: number) => x.toFixed(3);
console.log(`median of ${ROUNDS} rounds (ms per request unless noted)`);
console.log("worker | case".padEnd(48), "workerCPU", "mainCPU", "seq p50", "paced p50", "16-flight/s", "16-flight p50");
for (const [key, r] of rows) {
  console.log(
    key.padEnd(48),
    f(median(r.workerCpu)).padStart(9),
    f(median(r.mainCpu)).padStart(7),
    f(median(r.seq) ?? NaN).padStart(7),
    f(median(r.paced) ?? NaN).padStart(9),
    (median(r.rps) ?? NaN).toFixed(0).padStart(11),
    f(median(r.p50) ?? NaN).padStart(13),
  );
}
process.exit(0);
