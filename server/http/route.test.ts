import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NoContent } from "@/engine/contract/common";
import { EngineError } from "@/engine/errors";
import { ServiceError } from "../services/errors";
import { reply, route, routeDeclaration } from "./route";

const Params = z.object({ id: z.string().min(1) });
const Body = z.object({ name: z.string().min(1, "Name is empty") });
const Answer = z.object({ thing: z.object({ id: z.string(), name: z.string(), createdAt: z.string() }) });

function call(handler: ReturnType<typeof route>, init: { params?: Record<string, string>; body?: unknown; url?: string; type?: string } = {}) {
  const req = new Request(init.url ?? "http://127.0.0.1/api/things/1", {
    method: init.body === undefined ? "GET" : "POST",
    headers: init.body === undefined ? {} : { "Content-Type": init.type ?? "application/json" },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  return handler(req, { params: Promise.resolve(init.params ?? { id: "1" }) });
}

const create = route({ params: Params, body: Body, response: Answer, access: "anyone" }, async ({ params, body }) => ({
  // A database row: internals the answer must not carry, and a Date the wire carries as text.
  thing: { id: params.id, name: body.name, createdAt: new Date(0), nameKey: body.name.toLowerCase(), secret: "s3cret" },
}));

describe("route()", () => {
  it("parses params and body, and answers only the declared fields", async () => {
    const res = await call(create, { body: { name: "Ada" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thing: { id: "1", name: "Ada", createdAt: "1970-01-01T00:00:00.000Z" } });
  });

  it("answers bad input with the structured VALIDATION error, never a 500", async () => {
    const bad = await call(create, { body: { name: "" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "Name is empty", status: 400, code: "VALIDATION", field: "name", data: { issues: expect.any(Array) } });
    const noParam = await call(create, { body: { name: "x" }, params: { id: "" } });
    expect(noParam.status).toBe(400);
    expect(await noParam.json()).toMatchObject({ code: "VALIDATION", field: "id" });
    const notJson = await call(create, { body: "{", type: "application/json" });
    expect(await notJson.json()).toMatchObject({ code: "VALIDATION", error: "The body is not valid JSON" });
    const wrongType = await call(create, { body: "name=x", type: "text/plain" });
    expect(wrongType.status).toBe(400);
  });

  it("parses the query", async () => {
    const list = route({ query: z.object({ limit: z.coerce.number().int().max(10) }), response: z.object({ limit: z.number() }), access: "anyone" }, async ({ query }) => ({ limit: query.limit }));
    expect(await (await call(list, { url: "http://127.0.0.1/x?limit=3" })).json()).toEqual({ limit: 3 });
    expect((await call(list, { url: "http://127.0.0.1/x?limit=30" })).status).toBe(400);
  });

  it("serves a route without dynamic segments, where Next passes no params", async () => {
    const list = route({ response: z.object({ ok: z.boolean() }), access: "anyone" }, async () => ({ ok: true }));
    const req = new Request("http://127.0.0.1/x");
    // Next resolves `params` to undefined for a static route; the handler's type says otherwise.
    const res = await list(req, { params: Promise.resolve(undefined as unknown as Record<string, string>) });
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers a handler's answer that does not fit its schema as a 500, naming no internals", async () => {
    const broken = route({ response: Answer, access: "anyone" }, async () => ({ thing: { id: 1 } }) as unknown as z.input<typeof Answer>); // deliberately wrong
    const quiet = console.error;
    console.error = () => {};
    try {
      const res = await call(broken);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: "Internal error", status: 500, code: "INTERNAL" });
    } finally {
      console.error = quiet;
    }
  });

  it("maps errors through the catalogue: status, code, field and data", async () => {
    const conflict = route({ response: NoContent, access: "anyone" }, async () => {
      throw new ServiceError("STALE_VERSION", "Saved elsewhere", { data: { currentVersion: 3 } });
    });
    const res = await call(conflict);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "Saved elsewhere", status: 409, code: "STALE_VERSION", data: { currentVersion: 3 } });
    const internal = route({ response: NoContent, access: "anyone" }, async () => {
      throw new EngineError("INTERNAL", "secret path /etc", { data: { stack: "x" } });
    });
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(await (await call(internal)).json()).toEqual({ error: "Internal error", status: 500, code: "INTERNAL" });
    } finally {
      console.error = quiet;
    }
  });

  it("answers 204 for no content and a chosen status with reply()", async () => {
    const del = route({ response: NoContent, access: "anyone" }, async () => {});
    expect((await call(del)).status).toBe(204);
    const degraded = route({ response: z.object({ ok: z.boolean() }), access: "anyone" }, async () => reply(503, { ok: false }));
    const res = await call(degraded);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
  });

  it("leaves its declaration on the handler", () => {
    expect(routeDeclaration(create)).toMatchObject({ params: Params, body: Body, response: Answer, access: "anyone" });
  });
});
