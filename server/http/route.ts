import { NextResponse } from "next/server";
import { ServiceError } from "../services/errors";

/** The one error-to-HTTP mapping for the editor's JSON API. */
export interface ApiErrorBody {
  error: string;
  code: string;
  field?: string;
  data?: unknown;
}

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

function errorResponse(err: unknown): NextResponse<ApiErrorBody> {
  if (err instanceof ServiceError) {
    const body: ApiErrorBody = { error: err.message, code: err.code };
    if (err.field) body.field = err.field;
    if (err.data !== undefined) body.data = err.data;
    return NextResponse.json(body, { status: err.status });
  }
  console.error("[lathe] unexpected error in API route:", err);
  return NextResponse.json({ error: "Internal error", code: "INTERNAL" }, { status: 500 });
}

/** Reads a JSON body: must be application/json, at most 1 MiB, well-formed. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ServiceError("VALIDATION", "Send the body as application/json");
  }
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) {
    throw new ServiceError("VALIDATION", "The body is larger than 1 MiB");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceError("VALIDATION", "The body is not valid JSON");
  }
}

type Handler<P> = (req: Request, params: P) => Promise<unknown>;

/**
 * Wraps a route handler: awaits Next's params, runs the handler, answers its value as JSON
 * (204 for undefined) and maps every error in one place.
 */
export function route<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }) => {
    try {
      const value = await handler(req, await ctx.params);
      if (value === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(value);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
