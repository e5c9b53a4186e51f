import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isAccess } from "./access";
import { routeDeclaration } from "./route";

// Every app/api/**/route.ts, imported as Next would: each exported method handler must carry a
// declaration (route() or declareRoute()) naming a response schema and who may call it.
const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

const routeFiles = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
  .filter((f) => path.basename(f) === "route.ts")
  .sort();

describe("route declarations", () => {
  it("finds the API's route modules", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(19);
  });

  it.each(routeFiles)("app/api/%s declares a response schema and access for every method", async (file) => {
    const mod: Record<string, unknown> = await import(path.join(API_DIR, file));
    const methods = Object.keys(mod).filter((k) => METHODS.includes(k));
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) {
      const declaration = routeDeclaration(mod[method]);
      expect(declaration, `${file} ${method} has no route declaration`).toBeDefined();
      expect(declaration?.response, `${file} ${method} has no response schema`).toBeInstanceOf(z.ZodType);
      expect(isAccess(declaration?.access), `${file} ${method} declares no known access`).toBe(true);
      for (const part of ["params", "query", "body"] as const) {
        const schema = declaration?.[part];
        if (schema !== undefined) expect(schema, `${file} ${method} ${part}`).toBeInstanceOf(z.ZodType);
      }
    }
  });

  it("refuses a handler without a declaration", () => {
    expect(routeDeclaration(async () => new Response(null))).toBeUndefined();
    expect(routeDeclaration("GET")).toBeUndefined();
  });
});
