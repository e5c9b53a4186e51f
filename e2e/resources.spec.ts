import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { startPostgres, type TestPostgres } from "../server/resources/test-support/postgres";
import { ResourcesPage } from "./pages/resources-page";

// Real servers on 127.0.0.1: an HTTP API and PostgreSQL from Debian's packages.
let pg: TestPostgres;
let api: http.Server;
let apiUrl: string;
const TOKEN = `e2e-bearer-${Math.random().toString(36).slice(2)}`;
const HEADER_KEY = `e2e-header-${Math.random().toString(36).slice(2)}`;
/** What the API was sent: path and headers of each request. */
const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  pg = await startPostgres();
  api = http.createServer((req, res) => {
    seen.push({ url: req.url ?? "", headers: req.headers });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1`; // a TCP listener
});
test.afterAll(async () => {
  await pg?.stop();
  await new Promise<void>((r) => (api ? api.close(() => r()) : r()));
});

test("create REST and PostgreSQL resources, test their connections, and never see a secret again", async ({ page }) => {
  const suffix = Math.random().toString(36).slice(2, 7);
  const resources = new ResourcesPage(page);
  await resources.goto();

  await resources.startNew("REST API", `Billing ${suffix}`);
  await resources.field("Base URL").fill(apiUrl);
  await resources.field("Authentication").selectOption({ label: "Bearer token" });
  await resources.field("Token").fill(TOKEN);
  await resources.create();
  await expect(await resources.testConnection()).toContainText("Connected");

  await resources.startNew("PostgreSQL", `Warehouse ${suffix}`);
  await resources.field("Host").fill(pg.host);
  await resources.field("Port").fill(String(pg.port));
  await resources.field("Database").fill("postgres");
  await resources.field("User").fill(pg.user);
  await resources.field("Password").fill(`wrong-${Math.random().toString(36).slice(2)}`); // no 8 characters in common with the server's message (fragments of a secret are masked)
  await resources.create();
  const failed = await resources.testConnection();
  await expect(failed).toContainText("Connection failed");
  await expect(failed).toContainText(`password authentication failed for user "${pg.user}"`);

  // Replace the password with the right one: the stored secret changes, the form never shows it.
  await resources.form.getByRole("button", { name: "Replace" }).click();
  await resources.field("Password").fill(pg.password);
  await resources.save();
  await expect(await resources.testConnection()).toContainText("Connected");

  await page.reload();
  for (const name of [`Billing ${suffix}`, `Warehouse ${suffix}`]) {
    await resources.open(name);
    await expect(resources.form.getByText("•••••••• set")).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain(pg.password);
  }
  const listed = await (await page.request.get("/api/resources")).text();
  expect(listed).not.toContain(TOKEN);
  expect(listed).not.toContain(pg.password);
});

test("a secret default header is never shown again, and a changed address asks for the secrets again", async ({ page }) => {
  const name = `Keyed ${Math.random().toString(36).slice(2, 7)}`;
  const resources = new ResourcesPage(page);
  await resources.goto();
  await resources.startNew("REST API", name);
  await resources.field("Base URL").fill(apiUrl);
  await resources.form.getByRole("button", { name: "Add header" }).click();
  await resources.field("Header 1 name").fill("X-Api-Key");
  await resources.field("X-Api-Key value").fill(HEADER_KEY); // a credential-looking name: a password field
  await resources.form.getByRole("button", { name: "Add header" }).click();
  await resources.field("Header 2 name").fill("Accept");
  await resources.field("Accept value").fill("application/json");
  await resources.field("Authentication").selectOption({ label: "Bearer token" });
  await resources.field("Token").fill(TOKEN);
  await resources.create();
  await expect(await resources.testConnection()).toContainText("Connected");
  expect(seen.at(-1)?.headers["x-api-key"]).toBe(HEADER_KEY);

  await page.reload();
  await resources.open(name);
  await expect(resources.field("Accept value")).toHaveValue("application/json");
  await expect(resources.form.getByTestId("secret-x-api-key-value-state")).toContainText("set");
  expect(await page.content()).not.toContain(HEADER_KEY);

  // Another path is another target: the form asks for the token and the header before any request.
  const v2 = apiUrl.replace(/\/v1$/, "/v2");
  await resources.field("Base URL").fill(v2);
  const notice = resources.form.getByTestId("secrets-reenter");
  await expect(notice).toContainText("the token");
  await expect(notice).toContainText("the x-api-key header");
  await expect(resources.form.getByTestId("secret-token-reenter")).toBeVisible();
  const before = seen.length;
  await resources.form.getByRole("button", { name: "Test connection" }).click();
  await expect(resources.form.getByTestId("connection-result")).toContainText("enter the token, the x-api-key header again");
  expect(seen.length).toBe(before);

  await resources.field("Token").fill(TOKEN);
  await resources.field("X-Api-Key value").fill(HEADER_KEY);
  await expect(notice).toBeHidden();
  await resources.save();
  await expect(await resources.testConnection()).toContainText("Connected");
  expect(seen.at(-1)?.url).toBe("/v2");
  expect(seen.at(-1)?.headers["x-api-key"]).toBe(HEADER_KEY);
});
