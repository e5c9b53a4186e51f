import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";

const unique = (base: string) => `${base} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("the demo app is listed on first start", async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await expect(home.row("Customer admin")).toBeVisible();
  await expect(home.row("Customer admin")).toContainText("4 functions");
});

test("create an app, open its editor, and find it after a reload", async ({ page }) => {
  const home = new HomePage(page);
  const name = unique("Orders");
  await home.goto();
  await home.createApp(name);
  const editor = new EditorPage(page);
  await expect(editor.title).toHaveText(name);
  await expect(page.getByTestId("page-editor")).toBeVisible();
  await expect(page.getByText("An empty page.")).toBeVisible();
  await home.goto();
  await page.reload();
  await expect(home.row(name)).toBeVisible();
  await expect(home.row(name)).toContainText("Last edited just now");
});

test("app names are validated and unique", async ({ page }) => {
  const home = new HomePage(page);
  const name = unique("Billing");
  await home.goto();
  await home.createApp("   ");
  await expect(page.getByTestId("create-app-form").getByRole("alert")).toHaveText("Name is empty");
  await page.getByLabel("App name").fill(name);
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(new EditorPage(page).title).toHaveText(name);
  await home.goto();
  await home.createApp(name.toUpperCase());
  await expect(page.getByTestId("create-app-form").getByRole("alert")).toHaveText(`An app named "${name.toUpperCase()}" already exists`);
});

test("rename an app; the new name survives a reload", async ({ page }) => {
  const home = new HomePage(page);
  const name = unique("Inventory");
  const renamed = unique("Stock");
  await home.goto();
  await home.createApp(name);
  await expect(new EditorPage(page).title).toHaveText(name);
  await home.goto();
  await home.renameApp(name, renamed);
  await expect(home.row(renamed)).toBeVisible();
  await page.reload();
  await expect(home.row(renamed)).toBeVisible();
  await expect(home.row(name)).toHaveCount(0);
});

test("delete an app after confirming; cancelling keeps it", async ({ page }) => {
  const home = new HomePage(page);
  const name = unique("Scratch");
  await home.goto();
  await home.createApp(name);
  await expect(new EditorPage(page).title).toHaveText(name);
  await home.goto();
  await home.deleteApp(name, { confirm: false });
  await expect(home.row(name)).toBeVisible();
  await home.deleteApp(name, { confirm: true });
  await expect(home.row(name)).toHaveCount(0);
  await page.reload();
  await expect(home.row(name)).toHaveCount(0);
});
