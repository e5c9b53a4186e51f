"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ServerFunctionError, errorMessage } from "../../ui/api";
import { postTestRun, type TestRunResult } from "./test-run-client";

export interface TestRunState {
  /** Runs the definition with the input; a run already going is cancelled first. Never throws: resolves to the result, or null when it failed, was cancelled or superseded. */
  run: (definition: unknown, input: Record<string, unknown>) => Promise<TestRunResult | null>;
  /** Aborts the request; the server cancels the run when the request goes away. */
  cancel: () => void;
  running: boolean;
  /** Time since the run started: ticks while running, then holds the final value. */
  elapsedMs: number;
  /** The latest completed run; kept while the next one runs. */
  last: TestRunResult | null;
  /** Transport and validation errors (e.g. a 400's message); a failed run is in `last`, not here. */
  error: string | null;
  /** The `data` of that error (e.g. `{ issues }` of an invalid definition), when the server sent some. */
  errorData: unknown;
  /** The last run was cancelled with `cancel()`. */
  cancelled: boolean;
}

const TICK_MS = 100;

/** Test runs of one function: POST /api/functions/<fnId>/test with cancel, elapsed time and the last outcome. */
export function useTestRun(fnId: string): TestRunState {
  const [running, setRunning] = useState(false);
  const [elapsedMs, setElapsedMs] = useState(0);
  const [last, setLast] = useState<TestRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorData, setErrorData] = useState<unknown>(undefined);
  const [cancelled, setCancelled] = useState(false);
  const [forFn, setForFn] = useState(fnId);
  const controllerRef = useRef<AbortController | null>(null);
  const startRef = useRef(0);

  // Another function: forget this one's results (its request is aborted by the effect below).
  if (forFn !== fnId) {
    setForFn(fnId);
    setRunning(false);
    setElapsedMs(0);
    setLast(null);
    setError(null);
    setErrorData(undefined);
    setCancelled(false);
  }

  useEffect(
    () => () => {
      controllerRef.current?.abort();
      controllerRef.current = null;
    },
    [fnId],
  );

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setElapsedMs(performance.now() - startRef.current), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);

  const run = useCallback(
    async (definition: unknown, input: Record<string, unknown>): Promise<TestRunResult | null> => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      startRef.current = performance.now();
      setRunning(true);
      setElapsedMs(0);
      setError(null);
      setErrorData(undefined);
      setCancelled(false);
      try {
        const result = await postTestRun(fnId, { definition, input }, controller.signal);
        if (controllerRef.current !== controller) return null;
        setLast(result);
        return result;
      } catch (err) {
        if (controllerRef.current === controller && !controller.signal.aborted) {
          setError(errorMessage(err));
          setErrorData(err instanceof ServerFunctionError ? err.data : undefined);
        }
        return null;
      } finally {
        if (controllerRef.current === controller) {
          controllerRef.current = null;
          setRunning(false);
          setElapsedMs(performance.now() - startRef.current);
        }
      }
    },
    [fnId],
  );

  const cancel = useCallback(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    controllerRef.current = null;
    controller.abort();
    setRunning(false);
    setElapsedMs(performance.now() - startRef.current);
    setCancelled(true);
  }, []);

  return { run, cancel, running, elapsedMs, last, error, errorData, cancelled };
}
