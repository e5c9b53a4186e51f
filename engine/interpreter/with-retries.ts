import type { EngineErrorData } from "../errors";
import type { RetryPolicy } from "../model";
import type { Clock } from "../ports";

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: EngineErrorData; fatal: boolean };

/** Wait before retry number `n` (1 = the first retry): fixed, or doubling from `intervalMs`. */
export function retryDelay(policy: RetryPolicy, n: number): number {
  return policy.backoff === "exponential" ? policy.intervalMs * 2 ** (n - 1) : policy.intervalMs;
}

/**
 * Runs `attempt` until it succeeds, up to `1 + policy.count` times, sleeping on `clock` between
 * attempts. Fatal failures and aborted runs are not retried.
 */
export async function withRetries<T>(
  policy: RetryPolicy | undefined,
  clock: Clock,
  signal: AbortSignal,
  attempt: (n: number) => Promise<Attempt<T>>,
): Promise<Attempt<T>> {
  const max = 1 + (policy?.count ?? 0);
  for (let n = 1; ; n++) {
    const r = await attempt(n);
    if (r.ok || r.fatal || n >= max || signal.aborted || !policy) return r;
    try {
      await clock.sleep(retryDelay(policy, n), signal);
    } catch {
      return r;
    }
  }
}
