import http from "node:http";
import net, { type AddressInfo } from "node:net";

/**
 * A real HTTP server on 127.0.0.1 for REST resource tests. Every request is recorded in
 * `hits`, so a test can prove a refused path never reached the network. Routes live under
 * /api (the resources' base path); anything else is a 404 that is still recorded.
 */

export interface Hit {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestHttp {
  /** http://127.0.0.1:port */
  origin: string;
  hits: Hit[];
  /** For DELETE /api/customers/:id. */
  customers: Set<string>;
  close(): Promise<void>;
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(value));
}

function echo(hit: Hit, url: URL) {
  return { method: hit.method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: hit.headers, body: hit.body };
}

function deleteCustomer(customers: Set<string>, id: string, res: http.ServerResponse): void {
  if (!customers.delete(id)) return json(res, 404, { error: `Customer ${id} not found` });
  json(res, 200, { deleted: id });
}

function route(hit: Hit, res: http.ServerResponse, customers: Set<string>): void {
  const url = new URL(hit.url, "http://x");
  const p = url.pathname;
  const customer = /^\/api\/customers\/([^/]+)$/.exec(p);
  if (customer && hit.method === "DELETE") return deleteCustomer(customers, customer[1], res);
  switch (p) {
    case "/api/json":
      return json(res, 200, { hello: "world", n: 1 });
    case "/api/created":
      return json(res, 201, { id: 42 });
    case "/api/empty":
      res.writeHead(204).end();
      return;
    case "/api/missing":
      return json(res, 404, { error: "not here" });
    case "/api/boom":
      return json(res, 500, { error: "boom" });
    case "/api/text":
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "x-custom": "Yes" });
      res.end("plain text");
      return;
    case "/api/bad-json":
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{not json");
      return;
    case "/api/slow": {
      const timer = setTimeout(() => json(res, 200, { slow: true }), Number(url.searchParams.get("ms") ?? 2000));
      res.on("close", () => clearTimeout(timer));
      return;
    }
    case "/api/big":
      return streamBig(res, Number(url.searchParams.get("mb") ?? 50));
    case "/api/big-declared":
      res.writeHead(200, { "content-type": "text/plain", "content-length": String(50 * 1024 * 1024) });
      res.write("x".repeat(1024));
      return;
    case "/api/echo":
      return json(res, 200, echo(hit, url));
    case "/api/echo-401":
      return json(res, 401, { error: "unauthorized", seen: echo(hit, url) });
    case "/api/redirect":
      res.writeHead(302, { location: url.searchParams.get("to") ?? "/api/json" }).end();
      return;
    default:
      return json(res, 404, { error: `no route ${p}` });
  }
}

/** Streams `mb` megabytes, stopping when the client goes away. */
function streamBig(res: http.ServerResponse, mb: number): void {
  res.writeHead(200, { "content-type": "application/octet-stream" });
  const chunk = Buffer.alloc(64 * 1024, 120);
  let left = (mb * 1024 * 1024) / chunk.length;
  const pump = () => {
    while (left > 0) {
      left--;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    res.end();
  };
  res.on("close", () => (left = 0));
  pump();
}

export async function startHttp(): Promise<TestHttp> {
  const hits: Hit[] = [];
  const customers = new Set<string>(["7", "8"]);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const hit: Hit = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      hits.push(hit);
      route(hit, res, customers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP: address() is an AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    customers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as AddressInfo; // listening on TCP: address() is an AddressInfo
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
