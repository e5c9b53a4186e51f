import { EngineError } from "@/engine/errors";
import { fromAbortReason } from "./errors";

/**
 * Runs `work` under the resource's own timeout and the engine's signal (block timeout, run
 * timeout, cancellation), whichever ends first. The promise settles when the signal aborts even
 * if `work` ignores it, so a stuck driver cannot hold the block; `work` must release what it
 * holds when its signal aborts.
 */
export async function withResourceDeadline<T>(
  signal: AbortSignal,
  timeoutMs: number,
  block: string,
  /** How the message names the limit, e.g. "the resource's statement timeout". */
  limitName: string,
  work: (signal: AbortSignal, deadline: number) => Promise<T>,
): Promise<T> {
  if (signal.aborted) throw fromAbortReason(signal.reason, block);
  const timer = new AbortController();
  const timeout = setTimeout(() => {
    timer.abort(new EngineError("BLOCK_TIMEOUT", `"${block}" timed out after ${timeoutMs} ms (${limitName})`, { block, data: { timeoutMs } }));
  }, timeoutMs);
  const combined = AbortSignal.any([signal, timer.signal]);
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(fromAbortReason(combined.reason, block));
    combined.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work(combined, Date.now() + timeoutMs), aborted]);
  } catch (err) {
    // A driver that noticed the abort first throws its own error: report why it was aborted.
    if (combined.aborted) throw fromAbortReason(combined.reason, block);
    throw err;
  } finally {
    clearTimeout(timeout);
    combined.removeEventListener("abort", onAbort);
  }
}
