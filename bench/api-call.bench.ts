import { fork } from "node:child_process";
import path from "node:path";
import { createFunction, withLathe } from "./lib/lathe";
import { runLoad, type LoadResult } from "./lib/load";
import { ms, num, table } from "./lib/format";

/**
 * One-JS-block function through POST /api/fn on `next start`, side by side with a bare Node
 * http server computing the same answer natively. Issue 3's targets: throughput at least 12%
 * of the bare server's at 16 clients, added p50 at 1 client under 1 ms, no errors at 64 clients.
 */
const SOURCE = "return { sum: a + b, greeting: `Hello, ${name}!` };";
const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

async function bare(): Promise<{ url: string; stop: () => void }> {
  const child = fork(path.join(import.meta.dirname, "bare-server.mjs"), [], { stdio: "inherit" });
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)));
  return { url: `http://127.0.0.1:${port}/api/fn`, stop: () => child.kill() };
}

function benchDefinition() {
  return {
    schemaVersion: 1,
    params: [
      { name: "a", type: "number", required: true },
      { name: "b", type: "number", required: true },
      { name: "name", type: "string", required: true },
    ],
    graph: {
      blocks: [
        { id: "start", name: "start", type: "start", config: {} },
        { id: "add", name: "add", type: "code", config: { language: "javascript", source: SOURCE } },
      ],
      edges: [{ id: "e", source: "start", target: "add", port: "next" }],
    },
  };
}

async function measure(url: string, body: () => string) {
  await runLoad(url, body, { concurrency: 4, durationMs: 1500 }); // warm-up
  const one = await runLoad(url, body, { concurrency: 1, durationMs: DURATION, maxRequests: 20_000 });
  const sixteen = await runLoad(url, body, { concurrency: 16, durationMs: DURATION });
  const sixtyFour = await runLoad(url, body, { concurrency: 64, durationMs: DURATION });
  return { one, sixteen, sixtyFour };
}

export interface ApiBenchFigures {
  bare: Record<"one" | "sixteen" | "sixtyFour", LoadResult>;
  lathe: Record<"one" | "sixteen" | "sixtyFour", LoadResult>;
}

export async function apiCallBench(): Promise<ApiBenchFigures> {
  return withLathe(async (server) => {
    const baseline = await bare();
    try {
      const { fnId } = await createFunction(server.url, "add", benchDefinition());
      let i = 0;
      const body = () => JSON.stringify({ fnId, args: [{ a: i++, b: 2, name: "bench" }] });
      const b = await measure(baseline.url, body);
      const l = await measure(`${server.url}/api/fn`, body);
      console.log("\nPOST /api/fn, one JavaScript block, the production server (same process measures both):\n");
      console.log(
        table([
          ["", "bare node http", "lathe /api/fn", "lathe vs bare", "target"],
          ["calls/s at 16 clients", num(b.sixteen.rps), num(l.sixteen.rps), `${((100 * l.sixteen.rps) / b.sixteen.rps).toFixed(1)}%`, ">= 12%"],
          ["p50 at 1 client", ms(b.one.p50), ms(l.one.p50), `+${ms(l.one.p50 - b.one.p50)}`, "< +1 ms"],
          ["p99 at 1 client", ms(b.one.p99), ms(l.one.p99), `+${ms(l.one.p99 - b.one.p99)}`, ""],
          ["calls/s at 64 clients", num(b.sixtyFour.rps), num(l.sixtyFour.rps), "", ""],
          ["errors at 64 clients", String(b.sixtyFour.errors), String(l.sixtyFour.errors), JSON.stringify(l.sixtyFour.errorKinds), "0"],
        ]),
      );
      return { bare: b, lathe: l };
    } finally {
      baseline.stop();
    }
  });
}
