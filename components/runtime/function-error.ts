import type { FunctionError } from "./app-state";

function field(e: object, key: string): unknown {
  return key in e ? (e as Record<string, unknown>)[key] : undefined; // `key in e` checked just above
}

/**
 * A thrown value as plain data. Read by shape, not `instanceof`: a ServerFunctionError
 * carries `status`, `code` and `data`; anything else is a client error with status 0.
 */
export function toFunctionError(e: unknown): FunctionError {
  if (typeof e !== "object" || e === null) return { message: String(e), status: 0, code: "ERROR" };
  const message = field(e, "message");
  const status = field(e, "status");
  const code = field(e, "code");
  const out: FunctionError = {
    message: typeof message === "string" && message !== "" ? message : "The function failed",
    status: typeof status === "number" ? status : 0,
    code: typeof code === "string" && code !== "" ? code : "ERROR",
  };
  const data = field(e, "data");
  if (data !== undefined) out.data = data;
  return out;
}
