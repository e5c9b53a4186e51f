// @ts-check
// The baseline: a bare Node http server answering the benchmark's call natively, with the
// same request parsing and the same JSON answer as the one-block Lathe function
// (bench/lib/calls.ts): `{ a, b, items }` -> `{ sum, count, doubled }`.
import http from "node:http";

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const { args } = JSON.parse(body);
    /** @type {{ a: number, b: number, items: number[] }} */
    const { a, b, items } = args[0];
    const result = { sum: a + b + items.reduce((s, x) => s + x, 0), count: items.length, doubled: items.map((x) => x * 2) };
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ result }));
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = /** @type {import("node:net").AddressInfo} */ (server.address()); // a TCP listener
  process.send?.({ port: address.port });
});
process.on("disconnect", () => process.exit(0));
