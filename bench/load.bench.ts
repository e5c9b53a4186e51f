import { bareServer } from "./lib/bare";
import { callBodies, callDefinition } from "./lib/calls";
import { ms, num, table } from "./lib/format";
import { createFunction, withLathe } from "./lib/lathe";
import type { LoadResult } from "./lib/load";
import { treeCpuSeconds, treeRssMb } from "./lib/proc-tree";
import { requireWrk, runWrk } from "./lib/wrk";

/**
 * Issue 13's figures of the cost of a call (`npm run bench -- --only load`), all through wrk and
 * beside the bare server (bare-server.mjs) in the same run: calls/s at 16 clients, CPU per call
 * of the whole process tree, p50 at 1 client, the cost of each extra JavaScript block (a 6-block
 * chain against 1 block), Python against JavaScript, resident memory idle and under load, and
 * the 64-client mixed load (70% JavaScript, 20% Python, 10% a 5-block graph).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 3;

interface Measured extends LoadResult {
  /** CPU of the whole process tree per answered call, ms. */
  cpuMs: number;
  /** The tree's highest resident memory seen during the load, MB. */
  rssMb: number;
}

/** One wrk load with the tree's CPU before and after, and its RSS sampled every 250 ms. */
async function measure(pid: number, url: string, bodies: string[], connections: number, headers: Record<string, string>, random = false): Promise<Measured> {
  let rssMb = 0;
  const sampler = setInterval(() => (rssMb = Math.max(rssMb, treeRssMb(pid))), 250);
  const cpu0 = treeCpuSeconds(pid);
  const r = await runWrk(url, { connections, seconds: SECONDS, bodies, headers, random });
  const cpu1 = treeCpuSeconds(pid);
  clearInterval(sampler);
  const answered = r.requests - r.errors;
  return { ...r, cpuMs: answered > 0 ? ((cpu1 - cpu0) * 1000) / answered : NaN, rssMb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function loadBench() {
  requireWrk();
  return withLathe(async (server) => {
    const bare = await bareServer();
    try {
      const headers = { cookie: server.cookie };
      const fn = `${server.url}/api/fn`;
      const js1 = callBodies((await createFunction(server.url, "js1", callDefinition(1))).fnId);
      const js6 = callBodies((await createFunction(server.url, "js6", callDefinition(6))).fnId);
      const js5 = callBodies((await createFunction(server.url, "js5", callDefinition(5))).fnId);
      const py1 = callBodies((await createFunction(server.url, "py1", callDefinition(1, "python"))).fnId);
      const bareBodies = callBodies("bare");
      // Warm-up: the JIT, the caches, the Python process.
      for (const b of [js1, js6, py1]) await runWrk(fn, { connections: 4, seconds: 2, bodies: b, headers });
      await runWrk(bare.url, { connections: 4, seconds: 1, bodies: bareBodies });
      await new Promise((r) => setTimeout(r, 2000));
      const idle = { bare: treeRssMb(bare.pid), lathe: treeRssMb(server.pgid) };

      // 16 clients, bare and Lathe in turn, ROUNDS rounds; the ratio is taken within a round.
      const b16: Measured[] = [];
      const l16: Measured[] = [];
      const l6x16: Measured[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        b16.push(await measure(bare.pid, bare.url, bareBodies, 16, {}));
        l16.push(await measure(server.pgid, fn, js1, 16, headers));
        l6x16.push(await measure(server.pgid, fn, js6, 16, headers));
      }
      const ratios = l16.map((l, r) => l.rps / b16[r].rps);
      const mid = (ms: Measured[]) => [...ms].sort((a, b) => a.rps - b.rps)[Math.floor(ms.length / 2)];
      const cpu = (ms: Measured[]) => median(ms.map((m) => m.cpuMs));

      // 1 client: p50.
      const b1 = await measure(bare.pid, bare.url, bareBodies, 1, {});
      const l1 = await measure(server.pgid, fn, js1, 1, headers);
      const l6 = await measure(server.pgid, fn, js6, 1, headers);
      const p1 = await measure(server.pgid, fn, py1, 1, headers);

      // 64 clients, mixed: 70% one JavaScript block, 20% one Python block, 10% a 5-block graph.
      const mixedBodies = [...js1.slice(0, 7), ...py1.slice(0, 2), js5[0]];
      const mixed = await measure(server.pgid, fn, mixedBodies, 64, headers, true);
      const bare64 = await measure(bare.pid, bare.url, bareBodies, 64, {});

      const perBlockP50 = (l6.p50 - l1.p50) / 5;
      const perBlockCpu = (cpu(l6x16) - cpu(l16)) / 5;
      const b = mid(b16);
      const l = mid(l16);
      const rssUnderLoad = Math.max(...l16.map((m) => m.rssMb));
      console.log(`\nThe cost of a call (issue 13), through wrk on loopback, beside the bare server in the same run (${SECONDS} s per load, ${ROUNDS} rounds at 16 clients):\n`);
      console.log(
        table([
          ["", "bare node http", "lathe /api/fn", "lathe vs bare", "target"],
          ["calls/s at 16 clients, one JS block (median round)", num(b.rps), num(l.rps), pct(median(ratios)), ">= 15%"],
          ["  ratio in each round", "", "", ratios.map(pct).join(" "), ""],
          ["CPU per call, whole process tree (median round)", ms(cpu(b16)), ms(cpu(l16)), "", "<= 0.25 ms"],
          ["p50 at 1 client, one JS block", ms(b1.p50), ms(l1.p50), `+${ms(l1.p50 - b1.p50)}`, ""],
          ["p99 at 1 client, one JS block", ms(b1.p99), ms(l1.p99), "", ""],
          ["p50 at 1 client, 6 JS blocks", "", ms(l6.p50), `${ms(perBlockP50)} per extra block`, "<= 0.05 ms"],
          ["CPU per call at 16 clients, 6 JS blocks", "", ms(cpu(l6x16)), `${ms(perBlockCpu)} per extra block`, ""],
          ["p50 at 1 client, one Python block", "", ms(p1.p50), `+${ms(p1.p50 - l1.p50)} over JS`, "<= +0.5 ms"],
          ["resident memory, idle (whole tree)", `${num(idle.bare)} MB`, `${num(idle.lathe)} MB`, "", "<= 300 MB"],
          ["resident memory, 16 clients (highest seen)", `${num(Math.max(...b16.map((m) => m.rssMb)))} MB`, `${num(rssUnderLoad)} MB`, "", "<= 500 MB"],
          ["64 clients, calls/s (70% JS, 20% Python, 10% 5-block graph)", num(bare64.rps), num(mixed.rps), "", ""],
          ["64 clients, errors", String(bare64.errors), String(mixed.errors), JSON.stringify(mixed.errorKinds), "0"],
          ["64 clients, p50 / p99", `${ms(bare64.p50)} / ${ms(bare64.p99)}`, `${ms(mixed.p50)} / ${ms(mixed.p99)}`, "", ""],
        ]),
      );
      return {
        generator: "wrk",
        bare: { sixteen: b, cpuMs: cpu(b16), one: b1, sixtyFour: bare64, idleRssMb: idle.bare },
        lathe: { sixteen: l, cpuMs: cpu(l16), one: l1, six: l6, sixCpuMs: cpu(l6x16), python: p1, mixed, idleRssMb: idle.lathe, loadRssMb: rssUnderLoad },
        ratios,
        perBlockP50,
        perBlockCpu,
      };
    } finally {
      bare.stop();
    }
  });
}
