import { expect, test, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { HomePage } from "./pages/home-page";

async function newApp(page: Page): Promise<EditorPage> {
  const home = new HomePage(page);
  await home.goto();
  await home.createApp(`Fn app ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`);
  const editor = new EditorPage(page);
  await expect(editor.title).toBeVisible();
  return editor;
}

test("create a function in the Code tab and see it listed after a reload", async ({ page }) => {
  const editor = await newApp(page);
  await editor.createFunction("getCustomers");
  await expect(editor.scope("Global").locator('[data-function-name="getCustomers"]')).toBeVisible();
  await expect(page.getByTestId("function-editor")).toContainText("getCustomers");
  await expect(page.locator('[data-block-type="code"]')).toHaveCount(1);
  await editor.createFunction("loadPage", "Page: page1");
  await expect(editor.scope("Page: page1").locator('[data-function-name="loadPage"]')).toBeVisible();
  await page.reload();
  await expect(editor.scope("Global").locator('[data-function-name="getCustomers"]')).toBeVisible();
  await expect(editor.scope("Page: page1").locator('[data-function-name="loadPage"]')).toBeVisible();
});

test("a duplicate function name is refused with a visible message", async ({ page }) => {
  const editor = await newApp(page);
  await editor.createFunction("deleteCustomer");
  await expect(editor.fn("deleteCustomer")).toBeVisible();
  await editor.createFunction("deleteCustomer", "Page: page1");
  await expect(page.getByTestId("create-function-form").getByRole("alert")).toHaveText('A function named "deleteCustomer" already exists as a global function');
  await page.getByTestId("create-function-form").getByLabel("Function name").fill("not an identifier");
  await page.getByTestId("create-function-form").getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("create-function-form").getByRole("alert")).toHaveText("Use letters, digits and _ only, not starting with a digit");
  await page.reload();
  await expect(editor.fn("deleteCustomer")).toHaveCount(1);
});

test("rename and delete a function", async ({ page }) => {
  const editor = await newApp(page);
  await editor.createFunction("first");
  await editor.createFunction("second");
  await expect(editor.fn("second")).toBeVisible();
  await editor.renameFunction("first", "second");
  await expect(page.getByTestId("rename-function-form").getByRole("alert")).toContainText('"second" already exists');
  await page.getByTestId("rename-function-form").getByLabel("New function name").fill("renamed");
  await page.getByTestId("rename-function-form").getByRole("button", { name: "Save" }).click();
  await expect(editor.fn("renamed")).toBeVisible();
  await editor.deleteFunction("second");
  await expect(editor.fn("second")).toHaveCount(0);
  await page.reload();
  await editor.openTab("Code"); // no function is open any more: the editor shows the Pages tab
  await expect(editor.fn("renamed")).toBeVisible();
  await expect(editor.fn("second")).toHaveCount(0);
  await expect(editor.fn("first")).toHaveCount(0);
});

test("search filters the Code tab", async ({ page }) => {
  const editor = await newApp(page);
  await editor.createFunction("alpha");
  await editor.createFunction("beta");
  await expect(editor.fn("beta")).toBeVisible();
  await page.getByLabel("Search functions").fill("alp");
  await expect(editor.fn("alpha")).toBeVisible();
  await expect(editor.fn("beta")).toHaveCount(0);
});
