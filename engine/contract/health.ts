import { z } from "zod";

/** `GET /api/health`: liveness and readiness; Python's pool is reported (degraded, never 503). */
export const PythonHealth = z.object({
  isolation: z.string(),
  ready: z.number(),
  starting: z.number(),
  size: z.number(),
  queued: z.number(),
  rssMB: z.number(),
});

/** Runs waiting to be stored (a database another process keeps locked holds them back), and those that were not. */
export const RunStorageHealth = z.object({
  /** Runs answered and queued, not yet stored. */
  pending: z.number(),
  pendingMB: z.number(),
  /** Since the start: attempts that found the database busy; runs not recorded (queue full); runs that could not be stored. */
  busyRetries: z.number(),
  refused: z.number(),
  failed: z.number(),
});

export const HealthResponse = z.union([
  /** What anyone but an admin gets: the process answers and its database responds. */
  z.object({ ok: z.boolean() }).strict(),
  z.object({ ok: z.literal(true), db: z.object({ ok: z.literal(true), ms: z.number() }), python: PythonHealth, runs: RunStorageHealth.optional() }),
  /** Answered with status 503. */
  z.object({ ok: z.literal(false), db: z.object({ ok: z.literal(false), error: z.string() }) }),
]);
export type HealthResponse = z.infer<typeof HealthResponse>;
