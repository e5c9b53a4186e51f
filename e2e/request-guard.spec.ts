import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { createAppWithFunction, jsFunction } from "./api-client";
import { ADMIN } from "./auth";

/** One raw request with the headers a test chooses (Host included, which Playwright's client fixes). */
function raw(baseURL: string, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("a foreign Host is refused (DNS rebinding), pages and /api/fn alike", async ({ baseURL }) => {
  const base = baseURL ?? "";
  for (const path of ["/", "/api/apps", "/api/health"]) {
    const res = await raw(base, "GET", path, { Host: "attacker.example:3310" });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body)).toMatchObject({ code: "HOST_NOT_ALLOWED", status: 421 });
  }
  const fn = await raw(base, "POST", "/api/fn", { Host: "rebound.attacker.example", "Content-Type": "application/json" });
  expect(JSON.parse(fn.body)).toMatchObject({ code: "HOST_NOT_ALLOWED", status: 421, fnId: null });
  expect((await raw(base, "GET", "/api/health", { Host: new URL(base).host })).status).toBe(200);
});

test("another site's form cannot duplicate a function; the site's own page can", async ({ page, request, baseURL }) => {
  const { appId, fnId } = await createAppWithFunction(request, { name: `guarded${Date.now().toString(36)}`, definition: jsFunction("return 1;") });
  const count = async () => ((await (await request.get(`/api/apps/${appId}/functions`)).json()) as { functions: unknown[] }).functions.length;
  expect(await count()).toBe(1);

  // The attack: a page on another origin that posts a plain HTML form to Lathe when it opens.
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<form id="f" method="POST" action="${baseURL}/api/functions/${fnId}/duplicate"></form><script>document.getElementById("f").submit()</script>`);
  });
  await new Promise<void>((r) => attacker.listen(0, "127.0.0.1", r));
  try {
    const port = (attacker.address() as AddressInfo).port; // a TCP listener
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/functions/${fnId}/duplicate`));
    await page.goto(`http://127.0.0.1:${port}/`);
    const res = await answered;
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ code: "CROSS_SITE_REQUEST" });
  } finally {
    await new Promise<void>((r) => attacker.close(() => r()));
  }
  expect(await count()).toBe(1);

  // The same request from Lathe's own page goes through.
  await page.goto("/");
  const status = await page.evaluate(async (url) => (await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" } })).status, `/api/functions/${fnId}/duplicate`);
  expect(status).toBe(200);
  expect(await count()).toBe(2);
});

/** A page on another origin (127.0.0.1, another port) that posts `form` to Lathe as soon as it opens. */
async function attackerPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(html);
  });
  await new Promise<void>((r) => attacker.listen(0, "127.0.0.1", r));
  const port = (attacker.address() as AddressInfo).port; // a TCP listener
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => attacker.close(() => r())) };
}

test("another site's form cannot sign anyone in (login CSRF)", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const attacker = await attackerPage(
    `<form id="f" method="POST" action="${baseURL}/api/auth/sign-in/email">` +
      `<input name="email" value="${ADMIN.email}"><input name="password" value="${ADMIN.password}"></form>` +
      `<script>document.getElementById("f").submit()</script>`,
  );
  try {
    const answered = page.waitForResponse((r) => r.url().endsWith("/api/auth/sign-in/email"));
    await page.goto(attacker.url);
    const res = await answered;
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ code: "CROSS_SITE_REQUEST" });
    expect((await context.cookies(baseURL)).some((c) => c.name.includes("session_token"))).toBe(false);
  } finally {
    await attacker.close();
    await context.close();
  }
});

test("a JSON change without a session is 401, and changes nothing", async ({ playwright, request, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const name = `anon${Date.now().toString(36)}`;
    const res = await anonymous.post("/api/apps", { data: { name } });
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
    const { apps } = (await (await request.get("/api/apps")).json()) as { apps: { name: string }[] };
    expect(apps.map((a) => a.name)).not.toContain(name);
  } finally {
    await anonymous.dispose();
  }
});
