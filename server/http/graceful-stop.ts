import type { Server, ServerResponse } from "node:http";

export const DEFAULT_STOP_GRACE_SECONDS = 30;

/**
 * `LATHE_STOP_GRACE_SECONDS`: how long a stopping server lets calls in flight finish (default 30;
 * 0 stops at once). Anything but a whole number from 0 to 3600 throws, so the start stops.
 */
export function stopGraceSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LATHE_STOP_GRACE_SECONDS?.trim();
  if (raw === undefined || raw === "") return DEFAULT_STOP_GRACE_SECONDS;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(seconds) || seconds > 3600) {
    throw new Error(`LATHE_STOP_GRACE_SECONDS must be a whole number of seconds from 0 to 3600 (it is "${raw}")`);
  }
  return seconds;
}

export interface GracefulStop {
  /** Call for every response: once stopping, it is sent with `Connection: close`. */
  track(res: ServerResponse): void;
  /**
   * Stops accepting connections, closes the idle keep-alive ones, sends the answers in flight
   * with `Connection: close` (so their sockets close once answered) and waits for them, at most
   * `graceMs`; then closes whatever is left. Idempotent: a second call answers the first's promise.
   */
  stop(): Promise<"drained" | "grace expired">;
  readonly stopping: boolean;
}

/** The drain half of a graceful stop of a Node HTTP server (server/main.ts flushes the runs after). */
export function gracefulStop(server: Server, graceMs: number): GracefulStop {
  const open = new Set<ServerResponse>();
  let stopped: Promise<"drained" | "grace expired"> | null = null;
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  return {
    get stopping() {
      return stopped !== null;
    },
    track(res) {
      if (stopped) closeAfter(res);
      open.add(res);
      res.once("close", () => {
        open.delete(res);
        // A keep-alive socket whose answer just went out is idle now: close it too.
        if (stopped) server.closeIdleConnections();
      });
    },
    stop() {
      stopped ??= new Promise((resolve) => {
        for (const res of open) closeAfter(res);
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve("grace expired");
        }, graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve("drained");
        });
        server.closeIdleConnections();
      });
      return stopped;
    },
  };
}
