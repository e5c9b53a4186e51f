import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Secrets stay on the server: no API answer, page, client bundle or stored row holds them.
const TOKEN = `scan-token-${Math.random().toString(36).slice(2)}`;
const PASSWORD = `scan-pw-${Math.random().toString(36).slice(2)}`;
const SMTP_PASSWORD = `scan-smtp-${Math.random().toString(36).slice(2)}`;
const SECRETS = [TOKEN, PASSWORD, SMTP_PASSWORD];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

test("no API response, page, client bundle or stored row holds a configured secret", async ({ request, page }) => {
  // An upstream API that echoes the request's headers back, Authorization included.
  const upstream = http.createServer((req, res) => {
    res.writeHead(req.url?.includes("fail") ? 401 : 200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ youSent: req.headers }));
  });
  await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`; // a TCP listener
  const responses: string[] = [];
  const keep = async (res: { text(): Promise<string> }) => {
    const text = await res.text();
    responses.push(text);
    return JSON.parse(text || "null");
  };
  try {
    const { resource: api } = await keep(await request.post("/api/resources", {
      data: { name: `Echo ${TOKEN.slice(-5)}`, kind: "rest", config: { baseUrl: base, auth: { type: "bearer" } }, secrets: { token: TOKEN } },
    }));
    await keep(await request.post("/api/resources", {
      data: { name: `PG ${TOKEN.slice(-5)}`, kind: "postgres", config: { host: "127.0.0.1", port: 1, database: "x", user: "u" }, secrets: { password: PASSWORD } },
    }));
    await keep(await request.post("/api/resources", {
      data: { name: `Mail ${TOKEN.slice(-5)}`, kind: "smtp", config: { host: "127.0.0.1", port: 1, from: "a@example.com", user: "u" }, secrets: { password: SMTP_PASSWORD } },
    }));
    const listed = await keep(await request.get("/api/resources"));
    for (const r of listed.resources) await keep(await request.get(`/api/resources/${r.id}`));
    await keep(await request.post("/api/resources/test", { data: { id: api.id, kind: "rest", config: { baseUrl: base, auth: { type: "bearer" } } } }));

    // A function that calls the echoing API, once succeeding and once failing.
    const { app } = await keep(await request.post("/api/apps", { data: { name: `scan ${Date.now()}` } }));
    const { function: fn } = await keep(await request.post(`/api/apps/${app.id}/functions`, { data: { name: "echo" } }));
    await keep(await request.put(`/api/functions/${fn.id}`, {
      data: {
        baseVersion: 1,
        definition: {
          schemaVersion: 1,
          params: [{ name: "path", type: "string", default: "/ok" }],
          graph: {
            blocks: [
              { id: "start", name: "start", type: "start", config: {} },
              { id: "q", name: "echoed", type: "query", config: { kind: "rest", resourceId: api.id, method: "GET", path: "{{ path }}" } },
              { id: "c", name: "shape", type: "code", config: { language: "javascript", source: "console.log(JSON.stringify(echoed.data)); return { data: echoed.data, meta: echoed.metadata };" } },
            ],
            edges: [
              { id: "e1", source: "start", target: "q", port: "next" },
              { id: "e2", source: "q", target: "c", port: "next" },
            ],
          },
        },
      },
    }));
    const ok = await request.post("/api/fn", { data: { fnId: fn.id, args: [{ path: "/ok" }] } });
    expect(ok.status()).toBe(200);
    const okBody = await keep(ok);
    expect(okBody.result.data.youSent.authorization).toBe("Bearer [redacted]"); // the call really carried it
    expect((await request.post("/api/fn", { data: { fnId: fn.id, args: [{ path: "/fail" }] } })).status()).toBe(502);
    const runs = await keep(await request.get(`/api/functions/${fn.id}/runs`));
    for (const r of runs.runs) await keep(await request.get(`/api/functions/${fn.id}/runs/${r.id}`));
    for (const url of ["/", "/resources", `/resources?id=${api.id}`, `/apps/${app.id}/edit?fn=${fn.id}`]) {
      await page.goto(url);
      responses.push(await page.content());
    }

    const everything = responses.join("\n");
    for (const s of SECRETS) expect(everything).not.toContain(s);

    // The built client bundle.
    for (const file of filesUnder(path.join(".next", "static"))) {
      const text = fs.readFileSync(file, "utf8");
      for (const s of SECRETS) expect(text.includes(s), `${file} holds a secret`).toBe(false);
    }
    // The stored rows: the database file and its WAL hold only ciphertext.
    const dataDir = process.env.LATHE_E2E_DATA ?? "";
    const dbFiles = filesUnder(dataDir).filter((f) => /lathe\.db(-wal)?$/.test(f));
    expect(dbFiles.length).toBeGreaterThan(0);
    for (const file of dbFiles) {
      const bytes = fs.readFileSync(file);
      for (const s of SECRETS) expect(bytes.includes(Buffer.from(s)), `${file} holds a secret`).toBe(false);
    }
  } finally {
    await new Promise<void>((r) => upstream.close(() => r()));
  }
});
