import { EngineError } from "../errors";
import type { Clock } from "../ports";
import { linkedAbort } from "./linked-abort";

/**
 * Runs `work` with a host-side deadline: past `ms` the work's signal aborts and the promise
 * rejects with a timeout naming the block. Without `ms`, `work` gets `signal` as it is.
 */
export function withDeadline<T>(ms: number | undefined, clock: Clock, signal: AbortSignal, block: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (ms === undefined) return work(signal);
  const link = linkedAbort(signal);
  const timer = new AbortController();
  return new Promise<T>((resolve, reject) => {
    clock.sleep(ms, timer.signal).then(
      () => {
        const error = new EngineError("BLOCK_TIMEOUT", `"${block}" timed out after ${ms} ms`, { block, data: { timeoutMs: ms } });
        link.abort(error);
        reject(error);
      },
      () => {},
    );
    work(link.signal).then(resolve, reject);
  }).finally(() => {
    timer.abort("block finished"); // a reason: no DOMException is built per block
    link.dispose();
  });
}
