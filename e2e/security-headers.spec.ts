import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { createAppWithFunction, jsFunction } from "./api-client";
import { ADMIN, ADMIN_ENV, sessionCookie } from "./auth";
import { freePort, startServer } from "./server-process";

// Hole 6 of issue 12: the protective headers (server/http/security-headers.ts), on pages, API
// answers and /api/fn; Next's own scripts run under the policy (nonce); other sites may frame an
// app's user view only when LATHE_FRAME_ANCESTORS names them, and never the editor.

function expectCommonHeaders(headers: Record<string, string>) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("object-src 'none'");
}

function expectApiHeaders(res: APIResponse) {
  expectCommonHeaders(res.headers());
  expect(res.headers()["cache-control"]).toBe("no-store");
}

/** Collects every policy violation the page reports, from the first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (/Content Security Policy|unsafe-eval/i.test(e.message)) seen.push(e.message);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`));
  });
  return seen;
}

test("pages, API answers and /api/fn carry the headers; each page gets its own nonce", async ({ request }) => {
  const home = await request.get("/");
  expect(home.status()).toBe(200);
  expectCommonHeaders(home.headers());
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'self'");
  const html = await home.text();
  const nonce = /'nonce-([^']+)'/.exec(home.headers()["content-security-policy"])?.[1];
  expect(html).toContain(`nonce="${nonce}"`);
  const again = await request.get("/");
  expect(again.headers()["content-security-policy"]).not.toBe(home.headers()["content-security-policy"]);

  expectApiHeaders(await request.get("/api/apps"));
  expectApiHeaders(await request.get("/api/health"));
  expectApiHeaders(await request.get("/api/apps/no-such-app")); // an error answer of a route
  const { fnId } = await createAppWithFunction(request, { name: "headersFn", definition: jsFunction("return 1;") });
  const call = await request.post("/api/fn", { data: { fnId, args: [] } });
  expect(call.status()).toBe(200);
  expectApiHeaders(call);
  expectApiHeaders(await request.post("/api/fn", { data: "{", headers: { "Content-Type": "application/json" } }));
});

test("a refusal of main.ts itself (foreign Host) carries the headers too", async ({ baseURL }) => {
  const url = new URL(baseURL ?? "");
  const headers = await new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: "/api/apps", headers: { Host: "attacker.example" } }, (res) => {
      res.resume();
      expect(res.statusCode).toBe(421);
      resolve(res.headers);
    });
    req.on("error", reject);
    req.end();
  });
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toContain("script-src 'self' 'nonce-");
});

test("Next's scripts run under the policy: no violation on the home page, the editor and an app's user view", async ({ page, request }) => {
  const { appId } = await createAppWithFunction(request, { name: "plainFn", definition: jsFunction("return 1;") });
  const violations = await watchViolations(page);
  for (const url of ["/", `/apps/${appId}/edit`, `/apps/${appId}`]) {
    await page.goto(url);
    // Next's client ran (its runtime sets `window.next`), so its nonce'd scripts were allowed.
    await page.waitForFunction(() => "next" in window);
  }
  await expect(page.getByTestId("app-view-title")).toBeVisible();
  expect(violations).toEqual([]);
});

/** A page on another origin (127.0.0.1, another port) that frames `target`, and tells when the frame has loaded. */
async function framingSite(): Promise<{ origin: string; setTarget: (url: string) => void; close: () => Promise<void> }> {
  let target = "about:blank";
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.end(`<!doctype html><iframe id="f" src="${target}" onload="document.body.dataset.loaded = 'yes'"></iframe>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port; // a TCP listener
  return {
    origin: `http://127.0.0.1:${port}`,
    setTarget: (url) => (target = url),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Opens the framing site and answers whether Lathe's page rendered inside the frame. */
async function framedRenders(page: Page, site: string, selector: string): Promise<boolean> {
  await page.goto(site);
  await page.waitForFunction(() => document.body.dataset.loaded === "yes");
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame || frame.url().startsWith("chrome-error:")) return false;
  return (await frame.locator(selector).count()) > 0;
}

test("another origin may frame an app's user view only when LATHE_FRAME_ANCESTORS names it, and never the editor", async ({ page, request, baseURL, context }) => {
  test.setTimeout(180_000);
  const site = await framingSite();
  try {
    // This server names no one: the user view is refused in a frame of another origin.
    const { appId } = await createAppWithFunction(request, { name: "framedFn", definition: jsFunction("return 1;") });
    site.setTarget(`${baseURL}/apps/${appId}`);
    expect(await framedRenders(page, site.origin, "[data-testid=app-view-title]")).toBe(false);

    // A second server that lets the site frame apps.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-frames-"));
    const second = await startServer(dataDir, await freePort(), { ...ADMIN_ENV, LATHE_FRAME_ANCESTORS: site.origin });
    try {
      const cookie = await sessionCookie(second.url, ADMIN.email, ADMIN.password);
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name, value, url: second.url }]);
      const headers = { cookie, "Content-Type": "application/json" };
      const created = await fetch(`${second.url}/api/apps`, { method: "POST", headers, body: JSON.stringify({ name: "Embedded" }) });
      const { app } = (await created.json()) as { app: { id: string } };

      const view = await fetch(`${second.url}/apps/${app.id}`, { headers });
      expect(view.headers.get("content-security-policy")).toContain(`frame-ancestors 'self' ${site.origin}`);
      site.setTarget(`${second.url}/apps/${app.id}`);
      expect(await framedRenders(page, site.origin, "[data-testid=app-view-title]")).toBe(true);

      // The editor of the same app stays 'self' only.
      const editor = await fetch(`${second.url}/apps/${app.id}/edit`, { headers });
      expect(editor.headers.get("content-security-policy")).toMatch(/frame-ancestors 'self'(;|$)/);
      site.setTarget(`${second.url}/apps/${app.id}/edit`);
      expect(await framedRenders(page, site.origin, "body *")).toBe(false);
    } finally {
      await second.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await site.close();
  }
});
