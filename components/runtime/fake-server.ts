import type { CallFunction } from "./function-runner";

/** How the fake server answers one call: after `delayMs`, with `result` or by throwing `error`. */
export interface FakeAnswer {
  delayMs?: number;
  result?: unknown;
  error?: { message: string; status: number; code: string; data?: unknown };
}

export interface FakeCall {
  fnId: string;
  params: Record<string, unknown>;
  signal: AbortSignal;
  /** What the runtime said started the call (`button1.click`, `page.load`). */
  trigger?: string;
}

/**
 * A stand-in for `POST /api/fn` in unit tests (no server is involved there): answers after a
 * timer, so tests with fake timers control when each call ends, and rejects when aborted.
 * `log` records "start fnId" and "end fnId" in the order they happened.
 */
export function createFakeServer(answer: (fnId: string, params: Record<string, unknown>, callIndex: number) => FakeAnswer) {
  const calls: FakeCall[] = [];
  const log: string[] = [];
  const call: CallFunction = (fnId, params, signal, trigger) => {
    calls.push({ fnId, params, signal, trigger });
    log.push(`start ${fnId}`);
    const a = answer(fnId, params, calls.length - 1);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        log.push(`end ${fnId}`);
        if (a.error) reject(Object.assign(new Error(a.error.message), a.error));
        else resolve(a.result ?? null);
      }, a.delayMs ?? 0);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        log.push(`abort ${fnId}`);
        reject(new Error("aborted"));
      });
    });
  };
  return { call, calls, log };
}
