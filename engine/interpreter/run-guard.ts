import { EngineError, type EngineErrorData } from "../errors";
import type { Clock } from "../ports";

export interface RunGuard {
  /** Aborts when the run times out or the caller cancels; its reason is the EngineErrorData. */
  signal: AbortSignal;
  /** Resolves with the error when the signal aborts. */
  stopped: Promise<EngineErrorData>;
  dispose(): void;
}

/**
 * The run's wall-time limit (RUN_TIMEOUT, 504) and the caller's cancellation (RUN_CANCELLED),
 * as one abort signal handed to every block. `blame` names the blocks running at that moment.
 */
/** Given as the reason when a finished run stops its own timer: no DOMException is built per run. */
const DISPOSED = "run finished";

export function startRunGuard(timeoutMs: number, clock: Clock, caller: AbortSignal | undefined, blame: () => string | undefined): RunGuard {
  const controller = new AbortController();
  const timer = new AbortController();
  let resolveStopped: (e: EngineErrorData) => void = () => {};
  const stopped = new Promise<EngineErrorData>((resolve) => (resolveStopped = resolve));
  const stop = (code: "RUN_TIMEOUT" | "RUN_CANCELLED", message: string) => {
    if (controller.signal.aborted) return;
    const error = new EngineError(code, message, { block: blame() }).toData();
    controller.abort(error);
    resolveStopped(error);
  };
  const onCancel = () => stop("RUN_CANCELLED", "The run was cancelled");
  if (caller?.aborted) onCancel();
  else caller?.addEventListener("abort", onCancel, { once: true });
  clock.sleep(timeoutMs, timer.signal).then(
    () => stop("RUN_TIMEOUT", `The run took longer than its limit of ${timeoutMs} ms`),
    () => {},
  );
  return {
    signal: controller.signal,
    stopped,
    dispose() {
      timer.abort(DISPOSED);
      caller?.removeEventListener("abort", onCancel);
    },
  };
}
