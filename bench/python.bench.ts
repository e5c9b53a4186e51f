import { pathToFileURL } from "node:url";
import { createJsSandbox } from "../engine/sandbox/js";
import { createPythonSandbox } from "../engine/sandbox/python";
import type { CodeSandbox, SandboxLimits } from "../engine/sandbox/types";
import { ms, num, table } from "./lib/format";

/**
 * The Python sandbox in process (no HTTP): what a server start pays for the first Python block
 * (snapshot already made: process start + restore + the block), a warm Python block's p50
 * beside a JavaScript block's, throughput at 16 concurrent requests, and the idle pool's RSS.
 * Issue 4's targets: first block after start < 1.5 s; warm p50 < 3 ms more than JavaScript.
 * `npx tsx bench/python.bench.ts` runs it alone.
 */

const MIB = 1024 * 1024;
const limits: SandboxLimits = { timeoutMs: 5000, memoryBytes: 64 * MIB, maxLogBytes: 64 * 1024, maxOutputBytes: 8 * MIB };
const SCOPE = { a: 20, b: 22, name: "Ada" };
const PY = "return {'sum': a + b, 'greeting': f'Hello, {name}!'}";
const JS = "return { sum: a + b, greeting: `Hello, ${name}!` };";
const COLD_RUNS = 3;
const WARM_RUNS = 2000;
const CONCURRENT_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function once(sandbox: CodeSandbox, source: string): Promise<void> {
  const r = await sandbox.run({ kind: "code", source, scope: SCOPE, limits });
  if (!r.ok) throw new Error(`bench run failed: ${JSON.stringify(r.error)}`);
}

async function latencies(sandbox: CodeSandbox, source: string, runs: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 200; i++) await once(sandbox, source);
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once(sandbox, source);
    xs.push(performance.now() - t0);
  }
  xs.sort((x, y) => x - y);
  return { p50: percentile(xs, 50), p99: percentile(xs, 99) };
}

async function concurrent(sandbox: CodeSandbox, source: string, clients: number, seconds: number): Promise<{ rps: number; errors: number }> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const r = await sandbox.run({ kind: "code", source, scope: SCOPE, limits });
        if (r.ok) done++;
        else errors++;
      }
    }),
  );
  return { rps: done / ((performance.now() - t0) / 1000), errors };
}

export async function pythonBench() {
  // The snapshot is made once (first start ever); what is measured below is every later start.
  const setup = createPythonSandbox({ poolSize: 1 });
  await setup.warmUp();
  await setup.close();

  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const t0 = performance.now();
    const py = createPythonSandbox();
    await once(py, PY);
    cold.push(performance.now() - t0);
    await py.close();
  }
  cold.sort((x, y) => x - y);

  const py = createPythonSandbox();
  const js = createJsSandbox();
  try {
    await py.warmUp();
    const isolation = py.isolation();
    const pyWarm = await latencies(py, PY, WARM_RUNS);
    const jsWarm = await latencies(js, JS, WARM_RUNS);
    const pyLoad = await concurrent(py, PY, 16, CONCURRENT_SECONDS);
    // Let the pool settle (replacements, JIT threads) before reading its idle memory.
    await new Promise((r) => setTimeout(r, 1000));
    await py.warmUp();
    const stats = py.stats();
    const idleRss = stats.rssBytes;

    console.log(`\nPython sandbox, in process (pool of ${stats.size}, isolation: ${isolation.level}):\n`);
    console.log(
      table([
        ["", "value", "target"],
        ["first Python block after start (snapshot made), median", ms(percentile(cold, 50)), "< 1500 ms"],
        ["  (runs)", cold.map((c) => c.toFixed(0)).join(" / ") + " ms", ""],
        ["warm Python block p50", ms(pyWarm.p50), ""],
        ["warm JavaScript block p50", ms(jsWarm.p50), ""],
        ["Python − JavaScript p50", ms(pyWarm.p50 - jsWarm.p50), "< 3 ms"],
        ["warm Python block p99", ms(pyWarm.p99), ""],
        ["Python calls/s, 16 concurrent", num(pyLoad.rps), ""],
        ["  errors", String(pyLoad.errors), "0"],
        ["idle pool RSS (sum of children)", `${num(idleRss / MIB)} MB`, ""],
      ]),
    );
    return {
      isolation: isolation.level,
      poolSize: stats.size,
      coldFirstBlockMs: cold,
      warm: { python: pyWarm, javascript: jsWarm, diffP50: pyWarm.p50 - jsWarm.p50 },
      concurrent16: pyLoad,
      idleRssBytes: idleRss,
    };
  } finally {
    await py.close();
    await js.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  pythonBench().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
