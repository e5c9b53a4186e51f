import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadResult } from "./load";

/**
 * The load generator of the call benches: `wrk` (C, epoll), so the bare server is not limited by
 * the client as a Node load generator is. Install it with `apt-get install wrk`. A Lua script sets
 * the method, the headers (the session cookie) and the bodies; wrk sends `bodies` in turn, or
 * picks one at random per request when `random` is set (the mixed load).
 */
let checked = false;
export function requireWrk(): void {
  if (checked) return;
  const probe = spawnSync("wrk", ["-v"], { encoding: "utf8" });
  if (probe.error) {
    throw new Error("the call benches need the load generator wrk, which is not installed: `apt-get install wrk` (see bench/README.md)");
  }
  checked = true;
}

export interface WrkOptions {
  connections: number;
  seconds: number;
  bodies: string[];
  headers?: Record<string, string>;
  /** Pick a body at random per request instead of in turn. */
  random?: boolean;
}

const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal for this text (ASCII, escaped quotes)

function script(url: URL, opts: WrkOptions): string {
  const headers = { ...opts.headers, "Content-Type": "application/json" };
  const headerLua = Object.entries(headers)
    .map(([k, v]) => `[${lua(k)}] = ${lua(v)}`)
    .join(", ");
  return `
local bodies = { ${opts.bodies.map(lua).join(", ")} }
local headers = { ${headerLua} }
local reqs = {}
local n = 0
init = function(args)
  for i, b in ipairs(bodies) do reqs[i] = wrk.format("POST", ${lua(url.pathname)}, headers, b) end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
request = function()
  ${opts.random ? "return reqs[math.random(#reqs)]" : "n = n % #reqs + 1\n  return reqs[n]"}
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;
}

/** `connections` clients on loopback for `seconds`, through wrk; latencies in ms. */
export async function runWrk(target: string, opts: WrkOptions): Promise<LoadResult> {
  requireWrk();
  const url = new URL(target);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lathe-wrk-")), "call.lua");
  fs.writeFileSync(file, script(url, opts));
  const threads = Math.min(opts.connections, 2);
  const args = ["-t", String(threads), "-c", String(opts.connections), "-d", `${Math.max(1, Math.round(opts.seconds))}s` /* whole seconds: wrk takes no fractions */, "--timeout", "10s", "-s", file, target];
  try {
    const out = await new Promise<string>((resolve, reject) =>
      execFile("wrk", args, { encoding: "utf8", maxBuffer: 1 << 20 }, (err, stdout, stderr) => (err ? reject(new Error(`wrk failed: ${stderr || err.message}`)) : resolve(stdout))),
    );
    const line = out.split("\n").find((l) => l.startsWith("WRKJSON "));
    if (!line) throw new Error(`wrk printed no summary:\n${out}`);
    const r = JSON.parse(line.slice("WRKJSON ".length)) as Record<string, number>; // the Lua above prints these fields
    const errorKinds: Record<string, number> = {};
    for (const k of ["connect", "read", "write", "status", "timeout"]) if (r[k] > 0) errorKinds[k === "status" ? "HTTP >= 400" : k] = r[k];
    const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
    const seconds = r.us / 1e6;
    const ok = Math.max(0, r.requests - r.status);
    return { requests: r.requests, errors, errorKinds, seconds, rps: ok / seconds, p50: r.p50 / 1000, p99: r.p99 / 1000 };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
