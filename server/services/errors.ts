import type { z } from "zod";

export type ServiceErrorCode = "VALIDATION" | "CONFLICT" | "NOT_FOUND" | "STALE_VERSION";

const STATUS: Record<ServiceErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
};

/** An expected failure of a service call, with a message meant for the user. */
export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly status: number;
  /** The input field it concerns, so a form can show it in place. */
  readonly field?: string;
  readonly data?: unknown;

  constructor(code: ServiceErrorCode, message: string, opts: { field?: string; data?: unknown } = {}) {
    super(message);
    this.name = "ServiceError";
    this.code = code;
    this.status = STATUS[code];
    this.field = opts.field;
    this.data = opts.data;
  }
}

/** Parses `input` with `schema`, or throws a VALIDATION error naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const field = first?.path.length ? first.path.map(String).join(".") : undefined;
  // The field travels separately, so the message reads well on its own in a form.
  const message = first ? first.message : "Invalid input";
  throw new ServiceError("VALIDATION", message, { field, data: { issues: parsed.error.issues } });
}
