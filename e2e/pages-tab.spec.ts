import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";

test("pages of an app: add, rename, reorder, delete (keeping one), and the user view's navigation", async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createApp(`Multi ${Date.now().toString(36)}`);
  const app = new EditorPage(page);
  await expect(app.title).toBeVisible();
  await app.openTab("Pages");
  const tab = page.getByTestId("pages-tab");
  const names = () => tab.locator("[data-page-name]").evaluateAll((els) => els.map((e) => e.getAttribute("data-page-name")));

  await tab.getByRole("button", { name: "New page" }).click();
  await page.getByTestId("create-page-form").getByLabel("Page name").fill("orders");
  await page.getByTestId("create-page-form").getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("page-editor")).toHaveAttribute("data-page-name", "orders");
  await expect.poll(names).toEqual(["page1", "orders"]);

  await tab.getByRole("button", { name: "New page" }).click();
  await page.getByTestId("create-page-form").getByLabel("Page name").fill("not valid!");
  await page.getByTestId("create-page-form").getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("create-page-form").getByRole("alert")).toContainText("Use letters");
  await page.getByTestId("create-page-form").getByRole("button", { name: "Cancel" }).click();

  await tab.locator('[data-page-name="page1"]').hover();
  await tab.getByRole("button", { name: "Rename page1" }).click();
  await page.getByTestId("rename-page-form").getByLabel("New page name").fill("home");
  await page.getByTestId("rename-page-form").getByRole("button", { name: "Save" }).click();
  await expect.poll(names).toEqual(["home", "orders"]);

  await tab.locator('[data-page-name="orders"]').hover();
  await tab.getByRole("button", { name: "Move orders up" }).click();
  await expect.poll(names).toEqual(["orders", "home"]);
  await page.reload();
  await expect.poll(names).toEqual(["orders", "home"]);

  // The user view lists the pages in that order and opens the first by default.
  await page.goto(page.url().replace(/\/edit.*$/, ""));
  await expect(page.getByRole("navigation", { name: "Pages" }).getByRole("link")).toHaveText(["orders", "home"]);
  await expect(page.getByTestId("page-view")).toHaveAttribute("data-page-name", "orders");
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "home" }).click();
  await expect(page.getByTestId("page-view")).toHaveAttribute("data-page-name", "home");

  await page.goBack();
  await page.goBack();
  await app.openTab("Pages");
  await tab.locator('[data-page-name="home"]').hover();
  await tab.getByRole("button", { name: "Delete home" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete page" }).click();
  await expect.poll(names).toEqual(["orders"]);
  await tab.locator('[data-page-name="orders"]').hover();
  await tab.getByRole("button", { name: "Delete orders" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete page" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("An app keeps at least one page");
});
