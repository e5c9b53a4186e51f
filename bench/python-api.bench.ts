import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startServer, type ServerHandle } from "../e2e/server-process";
import { build, needsBuild } from "../scripts/build.mjs";
import { ms, num, table } from "./lib/format";
import { ADMIN_ENV, cookieFor, createFunction, signInTo } from "./lib/lathe";
import { runLoad } from "./lib/load";

/**
 * Python blocks through POST /api/fn on the production server (issue 4): the first Python block
 * after a server start (the snapshot already made: a restart restores it; target < 1.5 s),
 * warm p50 against the same function with a JavaScript block (target < 3 ms added), Python
 * calls per second at 16 clients, and the server's RSS with the pool idle.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

function oneBlock(language: "javascript" | "python", source: string) {
  return {
    schemaVersion: 1,
    params: [{ name: "n", type: "number", default: 20 }],
    graph: {
      blocks: [
        { id: "start", name: "start", type: "start", config: {} },
        { id: "c", name: "compute", type: "code", config: { language, source } },
      ],
      edges: [{ id: "e", source: "start", target: "c", port: "next" }],
    },
  };
}

/** RSS of every process in the server's process group (server, workers, Python children). */
function groupRssMb(pgid: number): number {
  const out = execFileSync("ps", ["-o", "rss=", "-g", String(pgid)], { encoding: "utf8" });
  return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
}

async function call(base: string, fnId: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/fn`, { method: "POST", headers: { "Content-Type": "application/json", cookie: cookieFor(base) }, body: JSON.stringify({ fnId, args: [{}] }) });
  if (res.status !== 200) throw new Error(`call failed: ${res.status} ${await res.text()}`);
  await res.json();
  return performance.now() - t0;
}

export async function pythonApiBench() {
  if (needsBuild()) build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-pybench-"));
  const port = await freePort();
  let server: ServerHandle | null = await startServer(dataDir, port, ADMIN_ENV);
  try {
    await signInTo(server.url);
    const py = await createFunction(server.url, "pySquares", oneBlock("python", "return sum(i * i for i in range(n))"));
    const js = await createFunction(server.url, "jsSquares", oneBlock("javascript", "let s = 0; for (let i = 0; i < n; i++) s += i * i; return s;"));
    await call(server.url, py.fnId); // the very first start makes the snapshot; wait for it
    await server.stop();

    server = await startServer(dataDir, port, ADMIN_ENV);
    const headers = { cookie: await signInTo(server.url) };
    const tFirst = performance.now();
    await call(server.url, py.fnId);
    const firstMs = performance.now() - tFirst;

    const body = (fnId: string) => () => JSON.stringify({ fnId, args: [{}] });
    await runLoad(`${server.url}/api/fn`, body(py.fnId), { concurrency: 4, durationMs: 1000, headers });
    await runLoad(`${server.url}/api/fn`, body(js.fnId), { concurrency: 4, durationMs: 1000, headers });
    const jsOne = await runLoad(`${server.url}/api/fn`, body(js.fnId), { concurrency: 1, durationMs: DURATION / 2, headers });
    const pyOne = await runLoad(`${server.url}/api/fn`, body(py.fnId), { concurrency: 1, durationMs: DURATION / 2, headers });
    const pySixteen = await runLoad(`${server.url}/api/fn`, body(py.fnId), { concurrency: 16, durationMs: DURATION, headers });
    await new Promise((r) => setTimeout(r, 1500));
    const rssMb = groupRssMb(server.pgid);

    console.log("\nPython blocks through POST /api/fn (production server):\n");
    console.log(table([
      ["", "JavaScript block", "Python block", "added", "target"],
      ["first Python block after a server start", "", ms(firstMs), "", "< 1500 ms"],
      ["p50 at 1 client", ms(jsOne.p50), ms(pyOne.p50), `+${ms(pyOne.p50 - jsOne.p50)}`, "< +3 ms"],
      ["p99 at 1 client", ms(jsOne.p99), ms(pyOne.p99), "", ""],
      ["Python calls/s at 16 clients (errors)", "", `${num(pySixteen.rps)} (${pySixteen.errors})`, "", ""],
      ["server RSS, pool idle (all processes)", "", `${num(rssMb)} MB`, "", ""],
    ]));
    return { firstMs, jsP50: jsOne.p50, pyP50: pyOne.p50, pyRps16: pySixteen.rps, pyErrors16: pySixteen.errors, rssMb };
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
