import { describe, expect, it } from "vitest";
import { RetryPolicy } from "../model";
import type { Clock } from "../ports";
import { retryDelay, withRetries, type Attempt } from "./with-retries";

function manualClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)) };
}

const failure: Attempt<string> = { ok: false, error: { code: "BLOCK_FAILED", message: "no", status: 500 }, fatal: false };

describe("withRetries", () => {
  it("retries with exponential backoff until success", async () => {
    const clock = manualClock();
    let n = 0;
    const r = await withRetries(RetryPolicy.parse({ count: 5, intervalMs: 100, backoff: "exponential" }), clock, new AbortController().signal, async () =>
      ++n < 4 ? failure : { ok: true, value: "done" },
    );
    expect(r).toEqual({ ok: true, value: "done" });
    expect(clock.slept).toEqual([100, 200, 400]);
  });

  it("stops after count retries with a fixed interval, and never retries fatal errors", async () => {
    const clock = manualClock();
    let n = 0;
    await withRetries(RetryPolicy.parse({ count: 2, intervalMs: 50 }), clock, new AbortController().signal, async () => (n++, failure));
    expect([n, clock.slept]).toEqual([3, [50, 50]]);
    n = 0;
    await withRetries(RetryPolicy.parse({ count: 2 }), clock, new AbortController().signal, async () => (n++, { ...failure, fatal: true }));
    expect(n).toBe(1);
  });

  it("does not retry once the run is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    let n = 0;
    await withRetries(RetryPolicy.parse({ count: 3 }), manualClock(), controller.signal, async () => (n++, failure));
    expect(n).toBe(1);
    expect(retryDelay(RetryPolicy.parse({ intervalMs: 10, backoff: "exponential" }), 3)).toBe(40);
  });
});
