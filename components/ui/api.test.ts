import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppListResponse, AppResponse } from "@/engine/contract/apps";
import { NoContent } from "@/engine/contract/common";
import { ServerFunctionError, api } from "./api";

// A real HTTP server on 127.0.0.1 answering like the editor API does, and like a broken one might.
let server: http.Server;
let base: string;
const app = { id: "a1", name: "Orders", createdAt: "2024-01-01T00:00:00.000Z", updatedAt: "2024-01-01T00:00:00.000Z" };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.url === "/ok") return json(200, { app: { ...app, name: JSON.parse(body).name, extra: "dropped" } });
      if (req.url === "/malformed") return json(200, { app: { id: 7 } });
      if (req.url === "/list-malformed") return json(200, { apps: [{ ...app, access: "edit", functionCount: "three" }] });
      if (req.url === "/conflict") return json(409, { error: 'An app named "Orders" already exists', status: 409, code: "CONFLICT", field: "name" });
      if (req.url === "/html") {
        res.writeHead(502, { "Content-Type": "text/html" });
        return res.end("<html>bad gateway</html>");
      }
      if (req.url === "/gone") {
        res.writeHead(204);
        return res.end();
      }
      json(404, { error: "Not found", status: 404, code: "NOT_FOUND" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // listening on TCP: AddressInfo
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function thrown(p: Promise<unknown>): Promise<ServerFunctionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ServerFunctionError);
  return err as ServerFunctionError; // asserted above
}

describe("api(Schema, url)", () => {
  it("sends JSON and answers the parsed value, without fields the schema does not name", async () => {
    const { app: got } = await api(AppResponse, `${base}/ok`, { method: "POST", body: { name: "Renamed" } });
    expect(got).toEqual({ ...app, name: "Renamed" });
  });

  it("refuses a malformed answer as BAD_RESPONSE, naming where", async () => {
    const err = await thrown(api(AppResponse, `${base}/malformed`));
    expect(err).toMatchObject({ code: "BAD_RESPONSE", status: 200, fnId: null });
    expect(err.message).toContain("app.");
    expect(err.data).toMatchObject({ issues: expect.any(Array) });
    expect((await thrown(api(AppListResponse, `${base}/list-malformed`))).message).toContain("apps.0.functionCount");
  });

  it("re-throws the server's error body with status, code and field", async () => {
    const err = await thrown(api(AppResponse, `${base}/conflict`, { method: "PATCH", body: { name: "Orders" } }));
    expect(err).toMatchObject({ message: 'An app named "Orders" already exists', status: 409, code: "CONFLICT", field: "name" });
  });

  it("falls back to the status for an error that is not JSON", async () => {
    expect(await thrown(api(AppResponse, `${base}/html`))).toMatchObject({ message: "Request failed (502)", status: 502, code: "HTTP_ERROR" });
  });

  it("reads 204 as no content", async () => {
    await expect(api(NoContent, `${base}/gone`, { method: "DELETE" })).resolves.toBeUndefined();
    expect((await thrown(api(AppResponse, `${base}/gone`))).code).toBe("BAD_RESPONSE");
  });

  it("reports an unreachable server as NETWORK with status 0", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port; // TCP listener
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await thrown(api(AppResponse, `http://127.0.0.1:${port}/ok`))).toMatchObject({ status: 0, code: "NETWORK" });
  });

  it("throws an abort as it came", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await api(AppResponse, `${base}/ok`, { signal: controller.signal }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ServerFunctionError);
  });
});
