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

test.beforeAll(async () => {
  test.setTimeout(120_000);
  pg = await startPostgres();
  api = http.createServer((_req, res) => {
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
  await resources.field("Password").fill("not-the-password");
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
