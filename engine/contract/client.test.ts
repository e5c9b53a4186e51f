import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerFunctionError, callFunction } from "./client";

// A real HTTP server on 127.0.0.1 that answers like /api/fn does, and like a broken proxy might.
let server: http.Server;
let baseUrl: string;
const seen: Array<{ method?: string; type?: string; body: string; page?: string | string[]; trigger?: string | string[] }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method, type: req.headers["content-type"], body, page: req.headers["x-lathe-page"], trigger: req.headers["x-lathe-trigger"] });
      const { fnId, args } = JSON.parse(body) as { fnId: string; args: [Record<string, unknown>] };
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(value));
      };
      if (fnId === "ok") return json(200, { result: { echo: args[0] } });
      if (fnId === "user-error") return json(404, { error: "No such person", fnId, status: 404, code: "USER_ERROR", data: { id: 7 } });
      if (fnId === "text-error") {
        res.writeHead(502, { "Content-Type": "text/html" });
        return res.end("  Bad gateway from proxy  ");
      }
      if (fnId === "empty-error") {
        res.writeHead(503, "Service Unavailable");
        return res.end("   ");
      }
      if (fnId === "not-json-ok") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        return res.end("hi");
      }
      json(500, { error: "?", fnId, status: 500, code: "INTERNAL" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // listening on TCP: AddressInfo
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function thrown(p: Promise<unknown>): Promise<ServerFunctionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ServerFunctionError);
  return err as ServerFunctionError; // asserted above
}

describe("callFunction", () => {
  it("posts { fnId, args: [params] } as JSON and returns the result", async () => {
    const result = await callFunction("ok", { a: 1 }, { baseUrl: `${baseUrl}/` });
    expect(result).toEqual({ echo: { a: 1 } });
    expect(seen.at(-1)).toMatchObject({ method: "POST", type: "application/json", body: '{"fnId":"ok","args":[{"a":1}]}' });
  });

  it("sends the page and the trigger of a page's call as headers, leaving out values that do not fit", async () => {
    await callFunction("ok", {}, { baseUrl, origin: { pageId: "page_1-a", trigger: "button1.click" } });
    expect(seen.at(-1)).toMatchObject({ page: "page_1-a", trigger: "button1.click" });
    await callFunction("ok", {}, { baseUrl, origin: { pageId: "bad id", trigger: "x".repeat(101) } });
    expect(seen.at(-1)?.page).toBeUndefined();
    expect(seen.at(-1)?.trigger).toBeUndefined();
    await callFunction("ok", {}, { baseUrl });
    expect(seen.at(-1)?.page).toBeUndefined();
  });

  it("re-throws the server's envelope as ServerFunctionError", async () => {
    const err = await thrown(callFunction("user-error", {}, { baseUrl }));
    expect(err).toMatchObject({ message: "No such person", status: 404, code: "USER_ERROR", data: { id: 7 }, fnId: "user-error" });
  });

  it("uses the trimmed text of a non-JSON error, else the status text", async () => {
    expect((await thrown(callFunction("text-error", {}, { baseUrl }))).message).toBe("Bad gateway from proxy");
    const empty = await thrown(callFunction("empty-error", {}, { baseUrl }));
    expect(empty).toMatchObject({ message: "Service Unavailable", status: 503 });
  });

  it("refuses a success that is not JSON", async () => {
    expect((await thrown(callFunction("not-json-ok", {}, { baseUrl }))).code).toBe("BAD_RESPONSE");
  });

  it("reports a network failure as status 0 with the cause", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port; // TCP listener
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await thrown(callFunction("ok", {}, { baseUrl: `http://127.0.0.1:${port}` }));
    expect(err.status).toBe(0);
    expect(err.code).toBe("NETWORK");
    expect(err.cause).toBeInstanceOf(Error);
  });

  it("refuses parameters over 1 MiB before sending", async () => {
    const before = seen.length;
    const err = await thrown(callFunction("ok", { big: "x".repeat(1024 * 1024) }, { baseUrl }));
    expect(err.status).toBe(413);
    expect(seen.length).toBe(before);
  });
});
