import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE, CATALOGUE_CODES, codesOf, isCatalogueCode, type GraphProblemCode } from "./catalogue";
import { ERROR_CODES, EngineError, ErrorCode } from "./codes";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["engine", "server", "components", "app"];

/**
 * Upper-case string literals in the source that are not error codes. Any other one must be in
 * the catalogue: a new code cannot be emitted without being listed there first.
 */
const NOT_ERROR_CODES = new Set([
  // HTTP methods
  "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
  // SQL, SMTP and protocol words
  "BEGIN", "COMMIT", "ROLLBACK", "SELECT", "INSERT", "UPDATE", "MERGE", "COPY", "INTEGER", "TEXT", "JSON", "SQL", "URL", "UTF8",
  "AUTH", "PLAIN", "LOGIN", "SMTP", "STARTTLS", "TLS", "KILL",
  // Codes of Node, SQLite and the OS that Lathe reads, never emits
  "EEXIST", "ENOENT", "ERR_ACCESS_DENIED", "ERR_WORKER_OUT_OF_MEMORY", "SQLITE_READONLY", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CONSTRAINT", "SQLITE_CONSTRAINT_PRIMARYKEY", "IMMEDIATE", "EXCLUSIVE", "SIGINT", "SIGKILL", "SIGTERM",
  // Demo data
  "ADA",
  // Status names of better-auth's APIError
  "TOO_MANY_REQUESTS",
  // Constants of Math and Number that page expressions may read
  "LN10", "LN2", "LOG10E", "LOG2E", "SQRT1_2", "SQRT2", "EPSILON", "MAX_SAFE_INTEGER", "MAX_VALUE", "MIN_SAFE_INTEGER", "MIN_VALUE",
  "NEGATIVE_INFINITY", "POSITIVE_INFINITY",
]);
/** Environment variables (LATHE_…) are named in upper case too, and are no codes. */
const ENVIRONMENT_VARIABLE = /^LATHE_/;

function sourceFiles(): string[] {
  const out: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const f of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })) {
      if (!/\.(ts|tsx|mjs)$/.test(f) || /\.test\.tsx?$/.test(f) || f.includes("node_modules")) continue;
      out.push(path.join(dir, f));
    }
  }
  return out;
}

describe("the error catalogue", () => {
  it("gives every code a status, a message, whether its data may be shown, and who emits it", () => {
    for (const code of CATALOGUE_CODES) {
      const e = CATALOGUE[code];
      expect(code, code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.status === 0 || (Number.isInteger(e.status) && e.status >= 400 && e.status <= 599), `${code} status`).toBe(true);
      expect(e.message.length, `${code} message`).toBeGreaterThan(0);
      expect(typeof e.exposeData, `${code} exposeData`).toBe("boolean");
      expect(e.origins.length, `${code} origins`).toBeGreaterThan(0);
    }
  });

  it("never exposes the data of an internal error", () => {
    expect(CATALOGUE.INTERNAL.exposeData).toBe(false);
  });

  it("derives the engine's codes and statuses from it", () => {
    expect([...ErrorCode.options].sort()).toEqual(codesOf("engine").sort());
    for (const code of ErrorCode.options) expect(ERROR_CODES[code]).toBe(CATALOGUE[code].status);
    expect(new EngineError("RUN_TIMEOUT", "slow").status).toBe(504);
    // Seed 002's statuses for the call contract.
    expect(codesOf("contract").map((c) => [c, CATALOGUE[c].status])).toEqual(
      expect.arrayContaining([["BAD_REQUEST", 400], ["NOT_FOUND", 404], ["METHOD_NOT_ALLOWED", 405], ["PAYLOAD_TOO_LARGE", 413], ["UNSUPPORTED_MEDIA_TYPE", 415], ["INTERNAL", 500]]),
    );
  });

  it("types graph problem codes as a union of its graph codes", () => {
    const cycle: GraphProblemCode = "CYCLE";
    // @ts-expect-error an engine code is not a graph problem
    const notAProblem: GraphProblemCode = "RUN_TIMEOUT";
    expect(codesOf("graph")).toContain(cycle);
    expect(codesOf("graph")).not.toContain(notAProblem);
  });

  it("lists every code the source emits or compares", () => {
    const unknown: string[] = [];
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      for (const m of text.matchAll(/"([A-Z][A-Z0-9_]{2,})"/g)) {
        if (!isCatalogueCode(m[1]) && !NOT_ERROR_CODES.has(m[1]) && !ENVIRONMENT_VARIABLE.test(m[1])) unknown.push(`${file}: ${m[1]}`);
      }
    }
    expect(unknown, "add these codes to engine/errors/catalogue.ts (or, if they are no error codes, to NOT_ERROR_CODES here)").toEqual([]);
  });
});
