"use client";

import { useState } from "react";
import { errorMessage } from "./api";

export interface Confirm<T> {
  /** What the dialog asks about; null while it is closed. */
  target: T | null;
  busy: boolean;
  /** The server's refusal, shown in the dialog, which stays open. */
  error: string | null;
  ask(item: T): void;
  cancel(): void;
  confirm(): Promise<void>;
}

/** The state of a confirmation dialog for a destructive action (delete an app, a function, a page). */
export function useConfirm<T>(act: (item: T) => Promise<void>): Confirm<T> {
  const [target, setTarget] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    target,
    busy,
    error,
    ask(item) {
      setError(null);
      setTarget(item);
    },
    cancel: () => setTarget(null),
    async confirm() {
      if (target === null) return;
      setBusy(true);
      setError(null);
      try {
        await act(target);
        setTarget(null);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setBusy(false);
      }
    },
  };
}
