export interface LinkedAbort {
  signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Detaches from the parent; call when done so long-lived parents do not collect listeners. */
  dispose(): void;
}

/** An abort controller that also aborts (with the same reason) when `parent` does. */
export function linkedAbort(parent?: AbortSignal): LinkedAbort {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => parent?.removeEventListener("abort", onAbort),
  };
}
