import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server on 127.0.0.1 that behaves like a careless upstream: it answers errors
 * quoting what it received, the credentials included, in whatever encoding it is asked for.
 *
 * - `/api/quote?enc=E&pad=N`: 500, text: N `.`s, then the credential it received (bearer token,
 *   basic password, `X-Key` header or `key` query parameter) encoded as E (see `ENCODINGS`).
 * - `/api/guess`: 400, JSON `{ "error": "bad key", "youSent": <the X-Guess header> }`.
 */

export const ENCODINGS = {
  base64: (s: string) => Buffer.from(s).toString("base64"),
  base64url: (s: string) => Buffer.from(s).toString("base64url"),
  hex: (s: string) => Buffer.from(s).toString("hex"),
  HEX: (s: string) => Buffer.from(s).toString("hex").toUpperCase(),
  uri: (s: string) => encodeURIComponent(s),
  form: (s: string) => new URLSearchParams({ k: s }).toString().slice(2),
  "uri-lower": (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  "base64-inside": (s: string) => Buffer.from(`x${s}yz`).toString("base64"),
  "base64-inside-2": (s: string) => Buffer.from(`xy${s}z`).toString("base64"),
  json: (s: string) => JSON.stringify(s).slice(1, -1),
} satisfies Record<string, (s: string) => string>;
export type Encoding = keyof typeof ENCODINGS;

function isEncoding(e: string): e is Encoding {
  return Object.hasOwn(ENCODINGS, e);
}

/** The credential a request carried, whichever way the resource sends it. */
function credential(req: http.IncomingMessage, url: URL): string {
  const auth = req.headers.authorization ?? "";
  if (auth.startsWith("Bearer ")) return auth.slice("Bearer ".length);
  if (auth.startsWith("Basic ")) {
    const pair = Buffer.from(auth.slice("Basic ".length), "base64").toString("utf8");
    return pair.slice(pair.indexOf(":") + 1);
  }
  const header = req.headers["x-key"];
  if (typeof header === "string") return header;
  return url.searchParams.get("key") ?? "";
}

export interface LeakyUpstream {
  origin: string;
  close(): Promise<void>;
}

export async function startLeakyUpstream(): Promise<LeakyUpstream> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname === "/api/quote") {
        const enc = url.searchParams.get("enc") ?? "";
        const pad = Number(url.searchParams.get("pad") ?? 0);
        const cred = credential(req, url);
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(`${".".repeat(pad)}${isEncoding(enc) ? ENCODINGS[enc](cred) : cred} was refused`);
        return;
      }
      if (url.pathname === "/api/guess") {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "bad key", youSent: req.headers["x-guess"] ?? null }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP: address() is an AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
