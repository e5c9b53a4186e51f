import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EngineError } from "@/engine/errors";
import type { LoadedResource } from "@/engine/resources";
import { ResourceClients } from "./clients";
import { createResourcePort } from "./port";
import { testConnection } from "./test-connection";
import { closedPort, startHttp, type TestHttp } from "./test-support/http-server";
import { context, lookupOf, query, rejection, resource } from "./test-support/resources";

let server: TestHttp;
const clients = new ResourceClients();
let lookup: ReturnType<typeof lookupOf>;
const port = () => createResourcePort(lookup, clients);

function api(id: string, extra: Record<string, unknown> = {}, secrets: Record<string, string> = {}): LoadedResource {
  return resource(id, { kind: "rest", config: { baseUrl: `${server.origin}/api`, ...extra }, secrets });
}

function rest(path: string, more: Record<string, unknown> = {}, resourceId = "api") {
  return query({ kind: "rest", resourceId, method: "GET", path, ...more });
}

beforeAll(async () => {
  server = await startHttp();
});
afterAll(async () => {
  await server.close();
  await clients.closeAll();
});
beforeEach(() => {
  server.hits.length = 0;
  lookup = lookupOf(
    api("api", { headers: [{ key: "X-Default", value: "d" }] }),
    api("bearer", { auth: { type: "bearer" } }, { token: "tok-123" }),
    api("basic", { auth: { type: "basic", username: "ann" } }, { password: "pw-9" }),
    api("keyHeader", { auth: { type: "apiKey", in: "header", name: "X-Api-Key" } }, { apiKey: "k-h" }),
    api("keyQuery", { auth: { type: "apiKey", in: "query", name: "api_key" } }, { apiKey: "k-q" }),
    api("fast", { timeoutMs: 200 }),
    api("small", { maxResponseBytes: 1024 * 1024 }),
  );
});

describe("REST resource", () => {
  it("gives parsed JSON as data and status, status text and lower-cased headers as metadata", async () => {
    const r = await port().execute("api", rest("/json"), context());
    expect(r.data).toEqual({ hello: "world", n: 1 });
    expect(r.metadata).toMatchObject({ status: 200, statusText: "OK", headers: { "content-type": "application/json; charset=utf-8" } });
  });

  it("answers 201 with its body, 204 with null and text as a string", async () => {
    expect((await port().execute("api", rest("/created", { method: "POST" }), context())).data).toEqual({ id: 42 });
    const empty = await port().execute("api", rest("/empty", { method: "DELETE" }), context());
    expect(empty).toMatchObject({ data: null, metadata: { status: 204 } });
    const text = await port().execute("api", rest("text"), context());
    expect(text).toMatchObject({ data: "plain text", metadata: { headers: { "x-custom": "Yes" } } });
  });

  it("turns a non-2xx answer into RESOURCE_FAILED with the upstream status and body", async () => {
    const e = await rejection(port().execute("api", rest("/missing"), context()));
    expect(e).toMatchObject({ code: "RESOURCE_FAILED", status: 502, block: "q", message: "GET /missing answered 404 Not Found", data: { status: 404, body: { error: "not here" } } });
    const boom = await rejection(port().execute("api", rest("/boom", { method: "POST" }), context()));
    expect(boom).toMatchObject({ message: "POST /boom answered 500 Internal Server Error", data: { status: 500, body: { error: "boom" } } });
  });

  it("refuses a body that claims JSON but is not", async () => {
    expect((await rejection(port().execute("api", rest("/bad-json"), context()))).message).toMatch(/says it is JSON but is not/);
  });

  it("times out past the resource's timeout", async () => {
    const started = Date.now();
    const e = await rejection(port().execute("fast", rest("/slow?ms=3000", {}, "fast"), context()));
    expect(e).toMatchObject({ code: "BLOCK_TIMEOUT", message: '"q" timed out after 200 ms (the resource\'s timeout)' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("stops when the engine's signal aborts, with the engine's reason", async () => {
    const controller = new AbortController();
    const pending = port().execute("api", rest("/slow?ms=3000"), context({}, { signal: controller.signal }));
    setTimeout(() => controller.abort(new EngineError("BLOCK_TIMEOUT", '"q" timed out after 50 ms', { block: "q" })), 50);
    expect(await rejection(pending)).toMatchObject({ code: "BLOCK_TIMEOUT", message: '"q" timed out after 50 ms' });
  });

  it("refuses a response over the size cap while streaming it, the query's cap winning", async () => {
    const started = Date.now();
    const e = await rejection(port().execute("api", rest("/big?mb=200", { maxResponseBytes: 2 * 1024 * 1024 }), context()));
    expect(e).toMatchObject({ code: "OUTPUT_TOO_LARGE", message: expect.stringMatching(/over the limit of 2097152 bytes/) });
    expect((await rejection(port().execute("small", rest("/big?mb=5", {}, "small"), context()))).code).toBe("OUTPUT_TOO_LARGE");
    const declared = await rejection(port().execute("small", rest("/big-declared", {}, "small"), context()));
    expect(declared.message).toMatch(/\(52428800 bytes\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("sends method, merged query parameters, headers and a JSON body", async () => {
    const r = await port().execute(
      "api",
      rest("/echo?a=1", { method: "POST", query: [{ key: "b", value: "2 3" }, { key: "", value: "skipped" }], headers: [{ key: "X-Q", value: "q" }], body: { type: "json", value: '{"n": 1}' } }),
      context(),
    );
    expect(r.data).toMatchObject({
      method: "POST",
      path: "/api/echo",
      query: { a: "1", b: "2 3" },
      headers: { "x-default": "d", "x-q": "q", "content-type": "application/json" },
      body: '{"n": 1}',
    });
  });

  it("sends form and raw bodies with their content types", async () => {
    const form = await port().execute("api", rest("/echo", { method: "PUT", body: { type: "form", fields: [{ key: "a", value: "x y" }, { key: "b", value: "&" }] } }), context());
    expect(form.data).toMatchObject({ body: "a=x+y&b=%26", headers: { "content-type": "application/x-www-form-urlencoded" } });
    const raw = await port().execute("api", rest("/echo", { method: "PATCH", body: { type: "raw", value: "<a/>", contentType: "application/xml" } }), context());
    expect(raw.data).toMatchObject({ body: "<a/>", headers: { "content-type": "application/xml" } });
  });

  it("refuses bad bodies before sending anything", async () => {
    const bad = await rejection(port().execute("api", rest("/echo", { method: "POST", body: { type: "json", value: "{name: 1}" } }), context()));
    expect(bad.message).toMatch(/^POST \/echo: The JSON body is not valid JSON/);
    const get = await rejection(port().execute("api", rest("/echo", { body: { type: "json", value: "{}" } }), context()));
    expect(get.message).toMatch(/A GET request cannot have a body/);
    expect(server.hits).toHaveLength(0);
  });

  it("authenticates with a bearer token, basic auth, or an API key in a header or the query", async () => {
    const seen = async (id: string) => (await port().execute(id, rest("/echo"), context())).data;
    // The echo is upstream data: the token in it is masked like any secret the server sends back.
    expect(await seen("bearer")).toMatchObject({ headers: { authorization: "Bearer [redacted]" } });
    expect(server.hits[0].headers.authorization).toBe("Bearer tok-123");
    expect(server.hits.length).toBe(1);
    await seen("basic");
    expect(server.hits[1].headers.authorization).toBe(`Basic ${Buffer.from("ann:pw-9").toString("base64")}`);
    await seen("keyHeader");
    expect(server.hits[2].headers["x-api-key"]).toBe("k-h");
    expect(await seen("keyQuery")).toMatchObject({ query: { api_key: "[redacted]" } });
    expect(server.hits[3].url).toBe("/api/echo?api_key=k-q");
  });

  it("never lets a query set the authentication header or the API key parameter", async () => {
    const header = await rejection(port().execute("bearer", rest("/echo", { headers: [{ key: "authorization", value: "Bearer mine" }] }, "bearer"), context()));
    expect(header.message).toMatch(/set by the resource's authentication/);
    const param = await rejection(port().execute("keyQuery", rest("/echo", { query: [{ key: "api_key", value: "mine" }] }, "keyQuery"), context()));
    expect(param.message).toMatch(/carries the resource's API key/);
    expect(server.hits).toHaveLength(0);
  });

  it("refuses paths that leave the base URL before any request is made", async () => {
    const escapes = ["../admin", "/../../admin", "http://127.0.0.1:1/x", `${server.origin}/admin`, "//evil.test/x", "\\\\evil.test\\x", "%2e%2e/admin", "..%2fadmin", "x/%2E%2E%2Fadmin"];
    for (const path of escapes) {
      const e = await rejection(port().execute("api", rest(path), context()));
      expect(e.code, path).toBe("RESOURCE_FAILED");
    }
    expect(server.hits).toHaveLength(0);
  });

  it("follows redirects under the base URL only", async () => {
    const r = await port().execute("api", rest("/redirect?to=/api/json"), context());
    expect(r.data).toEqual({ hello: "world", n: 1 });
    const e = await rejection(port().execute("api", rest("/redirect?to=/admin"), context()));
    expect(e.message).toMatch(/redirected \(302\) outside the resource's base URL/);
    const other = await rejection(port().execute("api", rest("/redirect?to=http://127.0.0.1:1/x"), context()));
    expect(other.message).toMatch(/another server/);
    expect(server.hits.map((h) => h.url)).toEqual(["/api/redirect?to=/api/json", "/api/json", "/api/redirect?to=/admin", "/api/redirect?to=http://127.0.0.1:1/x"]);
  });

  it("says which server it could not reach", async () => {
    const closed = await closedPort();
    lookup.set(resource("down", { kind: "rest", config: { baseUrl: `http://127.0.0.1:${closed}/api` }, secrets: {} }));
    const e = await rejection(port().execute("down", rest("/x", {}, "down"), context()));
    expect(e).toMatchObject({ code: "RESOURCE_FAILED", message: expect.stringMatching(new RegExp(`^GET /x could not reach 127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED`)) });
  });

  it("tests a connection: any HTTP answer means reachable", async () => {
    const settings = (await lookup.get("bearer"))?.settings;
    if (settings?.kind !== "rest") throw new Error("fixture");
    expect(await testConnection(settings)).toEqual({ ok: true, message: "Reachable: HEAD " + server.origin + "/api answered 404 Not Found" });
    expect(server.hits[0]).toMatchObject({ method: "HEAD", url: "/api", headers: { authorization: "Bearer tok-123" } });
    const down = await testConnection({ ...settings, config: { ...settings.config, baseUrl: `http://127.0.0.1:${await closedPort()}` } });
    expect(down).toMatchObject({ ok: false, message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("refuses an unknown resource and a query of the wrong kind", async () => {
    expect((await rejection(port().execute("nope", rest("/x", {}, "nope"), context()))).message).toMatch(/^Resource "nope" not found/);
    const sql = query({ kind: "sql", resourceId: "api", statement: "select 1" });
    expect((await rejection(port().execute("api", sql, context()))).message).toBe('"q" is a SQL query, but the resource "api" is a REST API: pick a resource of the right kind');
  });
});
