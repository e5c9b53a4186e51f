import { NextResponse } from "next/server";
import type { z } from "zod";
import { NoParams } from "@/engine/contract/common";
import type { ErrorBody } from "@/engine/contract/error-body";
import { CATALOGUE, EngineError, type CatalogueCode } from "@/engine/errors";
import { ServiceError, parseInput } from "../services/errors";
import type { Caller } from "../auth/caller";
import { callerOf } from "../auth/session";
import { getDb } from "../db/client";
import { checkAccess, type Access } from "./access";
import { readCapped } from "./read-capped";
import { findUnpairedSurrogate } from "./unpaired-surrogate";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/**
 * What a route says about itself, next to its handler: the schemas of its path params, query,
 * body and answer (all from engine/contract), and who may call it.
 */
export interface RouteDeclaration<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Required: no route compiles without saying who may call it. */
  access: Access;
  /** The error body when the route answers its own (the /api/fn envelope); default `ErrorBody`. */
  error?: z.ZodType;
}

/** Where `route()` leaves its declaration on the handler, for the test that enumerates routes. */
export const ROUTE_DECLARATION = Symbol.for("lathe.route-declaration");

type NextHandler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
export type DeclaredHandler<H = NextHandler> = H & { readonly [ROUTE_DECLARATION]: RouteDeclaration };

/** Attaches a declaration to a handler that parses on its own (`/api/fn`'s contract). */
export function declareRoute<H extends (...args: never[]) => Promise<Response>>(declaration: RouteDeclaration, handler: H): DeclaredHandler<H> {
  return Object.assign(handler, { [ROUTE_DECLARATION]: declaration });
}

export function routeDeclaration(handler: unknown): RouteDeclaration | undefined {
  if (typeof handler !== "function" || !(ROUTE_DECLARATION in handler)) return undefined;
  return (handler as { [ROUTE_DECLARATION]: RouteDeclaration })[ROUTE_DECLARATION]; // set by declareRoute, the only writer of this symbol
}

/**
 * Values that JSON turns into `T`: a `Date` where `T` has a string (its ISO form), down to a few
 * levels (database rows sit near the top of an answer; deeper documents are already plain).
 */
type Depth = [never, 0, 1, 2, 3];
export type Sendable<T, D extends number = 4> = [D] extends [never]
  ? T
  : T extends string
    ? T | Date
    : T extends readonly unknown[]
      ? { [K in keyof T]: Sendable<T[K], Depth[D]> }
      : T extends object
        ? { [K in keyof T]: Sendable<T[K], Depth[D]> }
        : T;

/** What a handler may resolve to: the answer, a `reply(status, answer)`, or nothing for 204. */
type HandlerAnswer<T> = Sendable<T> | Reply<Sendable<T>> | (undefined extends T ? void : never);

const REPLY = Symbol("lathe.reply");
interface Reply<T> {
  readonly [REPLY]: true;
  status: number;
  value: T;
}
/** An answer with a status other than 200 (e.g. health's 503), still checked against `response`. */
export function reply<T>(status: number, value: T): Reply<T> {
  return { [REPLY]: true, status, value };
}
function isReply(v: unknown): v is Reply<unknown> {
  return typeof v === "object" && v !== null && REPLY in v;
}

function errorBody(code: CatalogueCode, message: string, extra: { field?: string; data?: unknown } = {}): ErrorBody {
  const entry = CATALOGUE[code];
  const body: ErrorBody = { error: message, status: entry.status, code };
  if (extra.field) body.field = extra.field;
  if (entry.exposeData && extra.data !== undefined) body.data = extra.data;
  return body;
}

/** The one error-to-HTTP mapping of the editor API: the catalogue's status, the one error body. */
export function errorResponse(err: unknown): NextResponse<ErrorBody> {
  if (err instanceof EngineError && err.code !== "INTERNAL") {
    const body = errorBody(err.code, err.message, { field: err.field, data: err.data });
    return NextResponse.json({ ...body, status: err.status }, { status: err.status });
  }
  console.error("[lathe] unexpected error in API route:", err);
  return NextResponse.json(errorBody("INTERNAL", CATALOGUE.INTERNAL.message), { status: 500 });
}

/** The editor API's answer to a body over the cap: 413, the same code as `/api/fn`'s. */
export function payloadTooLarge(): EngineError<"PAYLOAD_TOO_LARGE"> {
  return new EngineError("PAYLOAD_TOO_LARGE", CATALOGUE.PAYLOAD_TOO_LARGE.message);
}

/**
 * Reads a JSON body: must be application/json, at most 1 MiB, well-formed, and text throughout
 * (no unpaired surrogate in any key or value: the database cannot store one, which was a 500).
 * The body is read as a stream and given up at the cap (Content-Length first), so a huge body
 * is never buffered.
 */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ServiceError("VALIDATION", "Send the body as application/json");
  }
  const text = await readCapped(req, MAX_JSON_BODY_BYTES);
  if (text === null) throw payloadTooLarge();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ServiceError("VALIDATION", "The body is not valid JSON");
  }
  const broken = findUnpairedSurrogate(body);
  if (broken !== null) {
    const where = broken ? ` at ${broken}` : "";
    throw new ServiceError("VALIDATION", `The text${where} holds an unpaired surrogate (such as \\ud800), which is not valid Unicode`, { field: broken || undefined });
  }
  return body;
}

/**
 * The answer, checked against `response` in every environment. Parsing is what strips fields
 * the schema does not name (a database row's internals never leak), and the editor API's
 * answers are small, so production parses too; `/api/fn`, the hot path, has its own fixed
 * shape and does not come through here. The value goes through JSON first, as the browser will
 * see it. A mismatch is a bug of the server: 500, with the problem named outside production.
 */
function checkedAnswer(response: z.ZodType, value: unknown): unknown {
  const wire: unknown = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  const parsed = response.safeParse(wire);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first?.path.length ? ` at ${first.path.map(String).join(".")}` : "";
  const problem = `the answer does not fit its declared schema${where}: ${first?.message ?? "invalid"}`;
  throw new Error(process.env.NODE_ENV === "production" ? problem : `[route] ${problem}`);
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  req: Request;
  /** Who is calling; null only on routes open to `anyone`. */
  caller: Caller | null;
  params: P;
  query: Q;
  body: B;
}

/**
 * A route of the editor API: checks access, parses params, query and body with the declared
 * schemas (bad input is a 400 VALIDATION error naming the field, never a 500), runs the handler,
 * checks its answer against `response` and answers it as JSON (204 when there is none). Errors
 * are mapped in one place, with the catalogue's status. The declaration stays on the handler.
 */
export function route<
  R extends z.ZodType,
  P extends z.ZodType = typeof NoParams,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  declaration: { params?: P; query?: Q; body?: B; response: R; access: Access },
  handler: (input: RouteInput<z.output<P>, Out<Q>, Out<B>>) => Promise<HandlerAnswer<z.input<R>>>,
): DeclaredHandler {
  const handle: NextHandler = async (req, ctx) => {
    try {
      const caller = await callerOf(req);
      if (!caller && declaration.access !== "anyone") throw new ServiceError("UNAUTHENTICATED", "Sign in to do this");
      // A route without dynamic segments gets no params from Next: none is an empty object.
      const params = parseInput(declaration.params ?? NoParams, (await ctx?.params) ?? {});
      await checkAccess(getDb, declaration.access, caller, params);
      const query = declaration.query ? parseInput(declaration.query, Object.fromEntries(new URL(req.url).searchParams)) : undefined;
      const body = declaration.body ? parseInput(declaration.body, await readJson(req)) : undefined;
      // Q and B are undefined exactly when their schemas are, which is what Out<> says.
      const input = { req, caller, params, query, body } as RouteInput<z.output<P>, Out<Q>, Out<B>>;
      const answered = await handler(input);
      const { status, value } = isReply(answered) ? answered : { status: 200, value: answered };
      const checked = checkedAnswer(declaration.response, value);
      if (checked === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(checked, { status });
    } catch (err) {
      return errorResponse(err);
    }
  };
  const full: RouteDeclaration = declaration;
  return declareRoute(full, handle);
}
