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

export const HealthResponse = z.union([
  /** What anyone but an admin gets: the process answers and its database responds. */
  z.object({ ok: z.boolean() }).strict(),
  z.object({ ok: z.literal(true), db: z.object({ ok: z.literal(true), ms: z.number() }), python: PythonHealth }),
  /** Answered with status 503. */
  z.object({ ok: z.literal(false), db: z.object({ ok: z.literal(false), error: z.string() }) }),
]);
export type HealthResponse = z.infer<typeof HealthResponse>;
