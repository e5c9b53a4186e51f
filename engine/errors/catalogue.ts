/**
 * The one error catalogue: every code Lathe emits, listed once, with the HTTP status it answers
 * with, a default message for the user, whether its `data` may be shown to users, and who emits
 * it. Codes are stable: pages, API clients and stored runs read them. A code used in two places
 * (NOT_FOUND by the engine, the services and the call contract) is still one entry.
 *
 * - engine: the interpreter, sandboxes and resource clients (`EngineError`, `EngineErrorData`).
 * - service: the editor API's services (`ServiceError`).
 * - contract: `POST /api/fn`'s transport checks (seed 002) and the editor API's own.
 * - browser: what the clients (`callFunction`, `api`) make of a failed exchange; status 0
 *   when the exchange never produced an HTTP status.
 * - page: the page runtime's own failures of a function state (`getCustomers.error`).
 * - graph: problems of a function's graph, carried in INVALID_GRAPH's `data`.
 */
export type ErrorOrigin = "engine" | "service" | "contract" | "browser" | "page" | "graph";

export interface CatalogueEntry {
  status: number;
  message: string;
  /** May `data` reach a page user? Never for internals. */
  exposeData: boolean;
  origins: readonly ErrorOrigin[];
}

export const CATALOGUE = {
  // Engine (the run of a function). USER_ERROR's status comes from ServerError; 500 when it gives none.
  INVALID_PARAMS: { status: 400, message: "The parameters are not valid", exposeData: true, origins: ["engine"] },
  INVALID_GRAPH: { status: 400, message: "The function's graph has problems", exposeData: true, origins: ["engine"] },
  INVALID_DEFINITION: { status: 400, message: "The function's definition is not valid", exposeData: true, origins: ["engine"] },
  NOT_FOUND: { status: 404, message: "Not found", exposeData: true, origins: ["engine", "service", "contract"] },
  USER_ERROR: { status: 500, message: "The function threw an error", exposeData: true, origins: ["engine"] },
  BLOCK_FAILED: { status: 500, message: "A block failed", exposeData: true, origins: ["engine"] },
  SANDBOX_TIMEOUT: { status: 500, message: "The code ran over its time limit", exposeData: true, origins: ["engine"] },
  // A query, call-function or loop block over its own `timeoutMs` (code blocks: SANDBOX_TIMEOUT).
  BLOCK_TIMEOUT: { status: 500, message: "The block ran over its time limit", exposeData: true, origins: ["engine"] },
  SANDBOX_MEMORY: { status: 500, message: "The code ran out of memory", exposeData: true, origins: ["engine"] },
  SANDBOX_CRASHED: { status: 500, message: "The sandbox stopped unexpectedly", exposeData: true, origins: ["engine"] },
  OUTPUT_TOO_LARGE: { status: 500, message: "The output is too large", exposeData: true, origins: ["engine"] },
  OUTPUT_NOT_JSON: { status: 500, message: "The output is not JSON", exposeData: true, origins: ["engine"] },
  // Data nested deeper than MAX_OUTPUT_DEPTH (engine/interpreter/output-depth.ts): nothing downstream could carry it.
  OUTPUT_TOO_DEEP: { status: 500, message: "The output is nested too deeply", exposeData: true, origins: ["engine"] },
  // A call-function block whose function was deleted or never existed in this app: the builder must choose another.
  CALLED_FUNCTION_MISSING: { status: 500, message: "A call-function block calls a function that does not exist", exposeData: true, origins: ["engine"] },
  LOG_LIMIT: { status: 500, message: "The run wrote too many log lines", exposeData: true, origins: ["engine"] },
  EXECUTOR_BUSY: { status: 503, message: "Too many runs are waiting; try again shortly", exposeData: true, origins: ["engine"] },
  RUN_TIMEOUT: { status: 504, message: "The run took longer than its time limit", exposeData: true, origins: ["engine"] },
  RUN_CANCELLED: { status: 499, message: "The run was cancelled", exposeData: true, origins: ["engine"] },
  BLOCK_LIMIT: { status: 500, message: "The run executed too many blocks", exposeData: true, origins: ["engine"] },
  EXPRESSION_FAILED: { status: 500, message: "An expression failed", exposeData: true, origins: ["engine"] },
  RESOURCE_FAILED: { status: 502, message: "The resource answered with an error", exposeData: true, origins: ["engine"] },
  // SQLite resources (server/resources/sqlite-path.ts, sqlite-guard.ts): a file outside the SQLite
  // folder or one of Lathe's own (also refused when a resource is saved or tested); a statement
  // that would reach another file, load an extension or change the connection.
  SQLITE_PATH_REFUSED: { status: 400, message: "SQLite resources may only open files in the SQLite folder", exposeData: true, origins: ["engine", "service"] },
  SQL_REFUSED: { status: 400, message: "This SQL statement is not allowed on a SQLite resource", exposeData: true, origins: ["engine"] },
  NOT_CONFIGURED: { status: 501, message: "This is not configured on the server", exposeData: true, origins: ["engine"] },
  INTERNAL: { status: 500, message: "Internal error", exposeData: false, origins: ["engine", "service", "contract"] },

  // Services (the editor API).
  VALIDATION: { status: 400, message: "Invalid input", exposeData: true, origins: ["service"] },
  CONFLICT: { status: 409, message: "This conflicts with something that exists", exposeData: true, origins: ["service"] },
  // A resource test or save aims stored secrets at another target (host, port, base URL,
  // database, user, kind): they are not sent; `data.secrets` names the fields to enter again.
  SECRETS_NEED_REENTRY: { status: 409, message: "The target changed: enter the secrets again", exposeData: true, origins: ["service"] },
  // Sign-in and permissions (server/auth): no session, a role or app access that does not allow
  // it, an installation with no admin yet, sign-in locked after repeated failures.
  UNAUTHENTICATED: { status: 401, message: "Sign in to do this", exposeData: false, origins: ["service", "contract"] },
  FORBIDDEN: { status: 403, message: "You are not allowed to do this", exposeData: false, origins: ["service", "contract"] },
  SETUP_REQUIRED: { status: 503, message: "Lathe has no admin yet: open /setup", exposeData: false, origins: ["service", "contract"] },
  SIGN_IN_LOCKED: { status: 429, message: "Too many failed sign-ins; try again later", exposeData: false, origins: ["service"] },
  STALE_VERSION: { status: 409, message: "This was saved elsewhere; reload to get the latest", exposeData: true, origins: ["service"] },

  // Transport (seed 002's statuses for /api/fn; the browser client refuses an oversized call itself).
  BAD_REQUEST: { status: 400, message: "The request is malformed", exposeData: true, origins: ["contract"] },
  METHOD_NOT_ALLOWED: { status: 405, message: "Method not allowed", exposeData: true, origins: ["contract"] },
  // Arguments nested deeper than MAX_ARGUMENT_DEPTH (engine/params/argument-depth.ts): refused before the function runs.
  ARGUMENTS_TOO_DEEP: { status: 400, message: "The arguments are nested too deeply", exposeData: true, origins: ["contract"] },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is larger than 1 MiB", exposeData: true, origins: ["contract", "browser"] },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Content-Type must be application/json", exposeData: true, origins: ["contract"] },
  // Every request (server/http/request-guard.ts): a Host this installation does not answer to
  // (DNS rebinding), a change sent by another site's page.
  HOST_NOT_ALLOWED: { status: 421, message: "This server does not answer to that host name", exposeData: false, origins: ["contract"] },
  CROSS_SITE_REQUEST: { status: 403, message: "A change sent from another site is refused", exposeData: false, origins: ["contract"] },

  // Browser clients.
  NETWORK: { status: 0, message: "Could not reach the server", exposeData: true, origins: ["browser"] },
  BAD_RESPONSE: { status: 0, message: "The server's answer was not understood", exposeData: true, origins: ["browser"] },
  HTTP_ERROR: { status: 0, message: "The request failed", exposeData: true, origins: ["browser"] },

  // The page runtime (a function's `error` state).
  UNKNOWN_FUNCTION: { status: 0, message: "There is no such function", exposeData: true, origins: ["page", "graph"] },
  INVALID_BINDING: { status: 0, message: "A parameter binding failed", exposeData: true, origins: ["page"] },
  ERROR: { status: 0, message: "The function failed", exposeData: true, origins: ["page"] },

  // Graph problems (engine/graph check-*.ts and the editor's own checks), pinned on a block or edge.
  BAD_DEFAULT: { status: 400, message: "A parameter's default does not fit its type", exposeData: true, origins: ["graph"] },
  BAD_PARENT: { status: 400, message: "A block sits in a loop that does not hold it", exposeData: true, origins: ["graph"] },
  CALL_CYCLE: { status: 400, message: "Functions call each other in a cycle", exposeData: true, origins: ["graph"] },
  CYCLE: { status: 400, message: "The graph has a cycle", exposeData: true, origins: ["graph"] },
  DANGLING_EDGE: { status: 400, message: "An edge joins a block that does not exist", exposeData: true, origins: ["graph"] },
  DUPLICATE_BLOCK_ID: { status: 400, message: "Two blocks have the same id", exposeData: true, origins: ["graph"] },
  DUPLICATE_CASE_ID: { status: 400, message: "Two branch cases have the same id", exposeData: true, origins: ["graph"] },
  DUPLICATE_EDGE: { status: 400, message: "Two edges join the same blocks through the same port", exposeData: true, origins: ["graph"] },
  DUPLICATE_EDGE_ID: { status: 400, message: "Two edges have the same id", exposeData: true, origins: ["graph"] },
  DUPLICATE_NAME: { status: 400, message: "Two blocks have the same name", exposeData: true, origins: ["graph"] },
  DUPLICATE_PARAM: { status: 400, message: "Two parameters have the same name", exposeData: true, origins: ["graph"] },
  EDGE_INTO_ENTRY: { status: 400, message: "An edge leads into an entry block", exposeData: true, origins: ["graph"] },
  EDGE_INTO_LOOP_BODY: { status: 400, message: "An edge leads into a loop body from outside", exposeData: true, origins: ["graph"] },
  FUNCTION_NOT_SET: { status: 400, message: "A call block names no function", exposeData: true, origins: ["graph"] },
  LOOP_BODY_ESCAPES: { status: 400, message: "A loop body leads outside its loop", exposeData: true, origins: ["graph"] },
  LOOP_BODY_OUTSIDE: { status: 400, message: "A loop's body is not inside it", exposeData: true, origins: ["graph"] },
  LOOP_MULTIPLE_BODY_EDGES: { status: 400, message: "A loop has more than one body edge", exposeData: true, origins: ["graph"] },
  LOOP_WITHOUT_BODY: { status: 400, message: "A loop has no body", exposeData: true, origins: ["graph"] },
  MULTIPLE_ERROR_HANDLERS: { status: 400, message: "The function has more than one error handler", exposeData: true, origins: ["graph"] },
  MULTIPLE_START: { status: 400, message: "The function has more than one start block", exposeData: true, origins: ["graph"] },
  NAME_CLASHES_WITH_PARAM: { status: 400, message: "A block has a parameter's name", exposeData: true, origins: ["graph"] },
  NO_START: { status: 400, message: "The function has no start block", exposeData: true, origins: ["graph"] },
  RESERVED_CASE_ID: { status: 400, message: "A branch case uses a reserved id", exposeData: true, origins: ["graph"] },
  RESOURCE_NOT_SET: { status: 400, message: "A query block names no resource", exposeData: true, origins: ["graph"] },
  UNKNOWN_PORT: { status: 400, message: "An edge leaves through a port the block does not have", exposeData: true, origins: ["graph"] },
  UNREACHABLE: { status: 400, message: "A block can never run", exposeData: true, origins: ["graph"] },
} as const satisfies Record<string, CatalogueEntry>;

export type CatalogueCode = keyof typeof CATALOGUE;

/** The codes one origin may emit, as a union (e.g. `CodesOf<"graph">`). */
export type CodesOf<O extends ErrorOrigin> = {
  [K in CatalogueCode]: O extends (typeof CATALOGUE)[K]["origins"][number] ? K : never;
}[CatalogueCode];

export const CATALOGUE_CODES = Object.keys(CATALOGUE) as CatalogueCode[]; // Object.keys loses the literal keys of a const object

export function isCatalogueCode(value: unknown): value is CatalogueCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(CATALOGUE, value);
}

export function codesOf<O extends ErrorOrigin>(origin: O): CodesOf<O>[] {
  // The filter keeps exactly the keys whose origins hold `origin`, which is what CodesOf<O> names.
  return CATALOGUE_CODES.filter((c) => (CATALOGUE[c].origins as readonly ErrorOrigin[]).includes(origin)) as CodesOf<O>[];
}

/** The catalogue's entry for a code that came over the wire (unknown codes read as HTTP_ERROR's). */
export function catalogueEntry(code: string): CatalogueEntry {
  return isCatalogueCode(code) ? CATALOGUE[code] : CATALOGUE.HTTP_ERROR;
}

/** Graph problem codes: what `Problem.code` may be. */
export type GraphProblemCode = CodesOf<"graph">;
