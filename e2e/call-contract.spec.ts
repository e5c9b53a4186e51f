import { expect, test, type APIResponse } from "@playwright/test";
import { createAppWithFunction, jsFunction } from "./api-client";

// The HTTP contract of POST /api/fn over real HTTP against the running server (seed 002).

const JSON_TYPE = { "Content-Type": "application/json" };

async function envelope(res: APIResponse, status: number) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const body = await res.json();
  expect(body).toEqual(expect.objectContaining({ error: expect.any(String), status, code: expect.any(String) }));
  expect(body).toHaveProperty("fnId");
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(m?js|ts):\d+/); // no stack traces
  return body;
}

let greetId: string;
test.beforeAll(async ({ request }) => {
  const { fnId } = await createAppWithFunction(request, {
    name: "greet",
    definition: {
      ...jsFunction("if (name === 'nobody') throw new ServerError('No such person', { status: 404, data: { name } });\nif (name === 'boom') throw new Error('exploded');\nreturn { greeting: `Hello, ${name}!`, times };"),
      params: [
        { name: "name", type: "string", required: true },
        { name: "times", type: "number", default: 1 },
      ],
    },
  });
  greetId = fnId;
});

test("200 { result } with defaults applied and numbers coerced", async ({ request }) => {
  const res = await request.post("/api/fn", { data: { fnId: greetId, args: [{ name: "Ada", times: "3" }] } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  expect(await res.json()).toEqual({ result: { greeting: "Hello, Ada!", times: 3 } });
  const withDefault = await request.post("/api/fn", { data: { fnId: greetId, args: [{ name: "Bo" }] } });
  expect((await withDefault.json()).result.times).toBe(1);
});

test("charset parameters are allowed in the media type", async ({ request }) => {
  const res = await request.post("/api/fn", {
    headers: { "Content-Type": "application/json; charset=utf-8" },
    data: JSON.stringify({ fnId: greetId, args: [{ name: "Ada" }] }),
  });
  expect(res.status()).toBe(200);
});

test("415 for any other media type, and for none", async ({ request }) => {
  const body = JSON.stringify({ fnId: greetId, args: [] });
  await envelope(await request.post("/api/fn", { headers: { "Content-Type": "text/plain" }, data: body }), 415);
  await envelope(await request.post("/api/fn", { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: body }), 415);
});

test("405 with Allow: POST for other methods", async ({ request }) => {
  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
    const res = await request.fetch("/api/fn", { method });
    await envelope(res, 405);
    expect(res.headers()["allow"]).toBe("POST");
  }
});

test("413 for a body over 1 MiB", async ({ request }) => {
  const big = JSON.stringify({ fnId: greetId, args: [{ name: "x".repeat(1024 * 1024 + 10) }] });
  await envelope(await request.post("/api/fn", { headers: JSON_TYPE, data: big }), 413);
});

test("400 before dispatch for a malformed fnId or args", async ({ request }) => {
  const bodies = [
    "{not json",
    JSON.stringify({ args: [] }),
    JSON.stringify({ fnId: 42, args: [] }),
    JSON.stringify({ fnId: "", args: [] }),
    JSON.stringify({ fnId: ` ${greetId}`, args: [] }),
    JSON.stringify({ fnId: greetId, args: { name: "x" } }),
    JSON.stringify({ fnId: greetId }),
  ];
  for (const data of bodies) {
    const body = await envelope(await request.post("/api/fn", { headers: JSON_TYPE, data }), 400);
    expect(body.code).toBe("BAD_REQUEST");
  }
});

test("404 for an unknown function", async ({ request }) => {
  const body = await envelope(await request.post("/api/fn", { data: { fnId: "no-such-fn", args: [] } }), 404);
  expect(body.fnId).toBe("no-such-fn");
});

test("400 with the zod issues for invalid parameters", async ({ request }) => {
  const body = await envelope(await request.post("/api/fn", { data: { fnId: greetId, args: [{ times: "many" }] } }), 400);
  expect(body.code).toBe("INVALID_PARAMS");
  const paths = (body.data as Array<{ path: string[] }>).map((i) => i.path.join("."));
  expect(paths).toEqual(expect.arrayContaining(["name", "times"]));
});

test("a ServerError's status and data pass through", async ({ request }) => {
  const body = await envelope(await request.post("/api/fn", { data: { fnId: greetId, args: [{ name: "nobody" }] } }), 404);
  expect(body).toMatchObject({ error: "No such person", code: "USER_ERROR", fnId: greetId, data: { name: "nobody" } });
});

test("500 for a failing block, naming it, without internals", async ({ request }) => {
  const body = await envelope(await request.post("/api/fn", { data: { fnId: greetId, args: [{ name: "boom" }] } }), 500);
  expect(body).toMatchObject({ error: expect.stringContaining("exploded"), code: "BLOCK_FAILED", data: { block: "code1" } });
  expect(body).not.toHaveProperty("detail");
});

test("504 for a run over its time limit, and the server still answers", async ({ request }) => {
  const { fnId } = await createAppWithFunction(request, {
    name: "spin",
    definition: jsFunction("while (true) {}", { timeoutMs: 300 }),
  });
  const body = await envelope(await request.post("/api/fn", { data: { fnId, args: [] } }), 504);
  expect(body.code).toBe("RUN_TIMEOUT");
  const ok = await request.post("/api/fn", { data: { fnId: greetId, args: [{ name: "after" }] } });
  expect(ok.status()).toBe(200);
});

test("every run is stored and readable for the history panel", async ({ request }) => {
  const res = await request.post("/api/fn", { data: { fnId: greetId, args: [{ name: "Logged" }] } });
  const runId = res.headers()["x-lathe-run-id"];
  expect(runId).toBeTruthy();
  const list = await (await request.get(`/api/functions/${greetId}/runs?status=ok`)).json();
  expect(list.runs.map((r: { id: string }) => r.id)).toContain(runId);
  const { run } = await (await request.get(`/api/functions/${greetId}/runs/${runId}`)).json();
  expect(run).toMatchObject({ status: "ok", source: "app", input: { name: "Logged" }, output: { greeting: "Hello, Logged!" } });
  expect(run.trace.map((t: { blockName: string }) => t.blockName)).toContain("code1");
  const failed = await (await request.get(`/api/functions/${greetId}/runs?status=error`)).json();
  expect(failed.runs.every((r: { status: string }) => r.status === "error")).toBe(true);
});
