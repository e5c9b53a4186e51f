import http from "node:http";

export interface LoadResult {
  requests: number;
  errors: number;
  /** Status codes other than 200, and transport errors, by kind. */
  errorKinds: Record<string, number>;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function post(agent: http.Agent, url: URL, body: string, extra: Record<string, string>): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: "POST", agent, headers: { ...extra, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * `concurrency` clients, each sending its next request when the last one answered, until
 * `durationMs` has passed or `maxRequests` were sent. Bounded in count and time.
 */
export async function runLoad(
  target: string,
  body: () => string,
  opts: { concurrency: number; durationMs: number; maxRequests?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const url = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  const max = opts.maxRequests ?? Number.MAX_SAFE_INTEGER;
  let sent = 0;
  const t0 = performance.now();
  const deadline = t0 + opts.durationMs;
  async function client() {
    while (performance.now() < deadline && sent < max) {
      sent++;
      try {
        const r = await post(agent, url, body(), opts.headers ?? {});
        if (r.status === 200) latencies.push(r.ms);
        else errorKinds[`HTTP ${r.status}`] = (errorKinds[`HTTP ${r.status}`] ?? 0) + 1;
      } catch (err) {
        const kind = (err as NodeJS.ErrnoException).code ?? "error"; // Node network errors carry a code
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  return {
    requests: latencies.length + errors,
    errors,
    errorKinds,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
