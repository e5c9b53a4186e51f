import type { z } from "zod";
import { EngineError, type CodesOf } from "@/engine/errors";

export type ServiceErrorCode = CodesOf<"service">;

/**
 * An expected failure of a service call, with a message meant for the user. Not a second error
 * class in spirit: it is Lathe's one server-side error (`EngineError`, with the catalogue's
 * status) narrowed to the service codes, kept under its own name so the services read as they
 * did. The route mapper (server/http/route.ts) handles every `EngineError` alike.
 */
export class ServiceError extends EngineError<ServiceErrorCode> {
  constructor(code: ServiceErrorCode, message: string, opts: { field?: string; data?: unknown } = {}) {
    super(code, message, opts);
    this.name = "ServiceError";
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
