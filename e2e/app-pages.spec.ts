import { expect, test, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { FunctionEditorPage } from "./pages/function-editor-page";
import { HomePage } from "./pages/home-page";
import { PageEditorPage } from "./pages/page-editor-page";

// Issue 7's journeys, each from an empty app, through the UI only.

async function newApp(page: Page): Promise<{ app: EditorPage; appUrl: string }> {
  const home = new HomePage(page);
  await home.goto();
  await home.createApp(`Pages ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`);
  const app = new EditorPage(page);
  await expect(app.title).toBeVisible();
  const appUrl = page.url().replace(/\/edit.*$/, "");
  return { app, appUrl };
}

/** Creates a function with one JavaScript block (and parameters), saves it. */
async function createJsFunction(page: Page, app: EditorPage, name: string, code: string, params: Array<[string, string, string]> = []) {
  await app.createFunction(name);
  const fe = new FunctionEditorPage(page);
  await expect(fe.root).toBeVisible();
  for (const [p, type, def] of params) await fe.addParam(p, type, def);
  await fe.setCode(page.locator('[data-block-type="code"]'), code);
  return fe;
}

async function saveFunction(page: Page, fe: FunctionEditorPage) {
  await fe.root.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("saved-state")).toBeVisible();
}

async function openPages(page: Page, app: EditorPage): Promise<PageEditorPage> {
  await app.openTab("Pages");
  await page.locator('[data-page-name="page1"] a').click();
  const pe = new PageEditorPage(page);
  await expect(pe.root).toBeVisible();
  return pe;
}

test("(1) a button runs a function and a Text shows {{ fn.data }}", async ({ page }) => {
  const { app } = await newApp(page);
  const fe = await createJsFunction(page, app, "hello", 'return "Hello from the server";');
  await saveFunction(page, fe);
  const pe = await openPages(page, app);
  await pe.add("button");
  const click = await pe.addAction("On click");
  await expect(click.getByLabel("Function")).toHaveValue("hello");
  const text = await pe.add("text");
  await pe.setProp("value", "{{ hello.data }}");
  await pe.save();
  await pe.preview();
  await page.locator('[data-component-name="button1"] button').click();
  await expect(page.locator(`[data-component-name="${text}"]`)).toHaveText("Hello from the server");
});

test("(2) a function that runs on page load fills a table in the user view", async ({ page }) => {
  const { app, appUrl } = await newApp(page);
  const fe = await createJsFunction(page, app, "listItems", 'return [{ id: 1, item: "anvil" }, { id: 2, item: "bellows" }];');
  await fe.tab("Settings");
  await page.getByLabel("Also run once when the page loads").check();
  await saveFunction(page, fe);
  const pe = await openPages(page, app);
  const table = await pe.add("table");
  await pe.setProp("data", "{{ listItems.data }}");
  await pe.save();
  await page.goto(appUrl);
  const rows = page.locator(`[data-component-name="${table}"] tbody tr[data-row-index]`);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("bellows");
});

test("(3) a text input drives an automatic function and the table follows as you type", async ({ page }) => {
  const { app, appUrl } = await newApp(page);
  const fe = await createJsFunction(page, app, "findFruit", 'return ["apple", "banana", "cherry", "mango"].filter((f) => f.includes(q)).map((fruit) => ({ fruit }));', [["q", "string", ""]]);
  await fe.tab("Settings");
  await page.getByLabel(/^Automatic/).check();
  await saveFunction(page, fe);
  const pe = await openPages(page, app);
  const input = await pe.add("textInput");
  const table = await pe.add("table");
  await pe.setProp("data", "{{ findFruit.data }}");
  await pe.deselect();
  await page.getByLabel("findFruit.q").fill(`{{ ${input}.value }}`);
  await pe.save();
  await page.goto(appUrl);
  const rows = page.locator(`[data-component-name="${table}"] tbody tr[data-row-index]`);
  await expect(rows).toHaveCount(4);
  await page.locator(`[data-component-name="${input}"] input`).pressSequentially("an");
  await expect(rows).toHaveCount(2);
  await expect(page.locator(`[data-component-name="${table}"] tbody`)).toContainText("banana");
  await expect(page.locator(`[data-component-name="${table}"] tbody`)).toContainText("mango");
  await page.locator(`[data-component-name="${input}"] input`).pressSequentially("g");
  await expect(rows).toHaveCount(1);
});

test("(4) a failing function triggers its failure handler's notification with the server's message", async ({ page }) => {
  const { app, appUrl } = await newApp(page);
  const fe = await createJsFunction(page, app, "restock", 'throw new ServerError("The warehouse API is down", { status: 503 });');
  await saveFunction(page, fe);
  const pe = await openPages(page, app);
  await pe.add("button");
  const run = await pe.addAction("On click");
  const notify = await pe.addAction("On failure", run);
  await notify.getByLabel("On failure: action 1").selectOption("notify");
  await notify.getByLabel("Message").fill("Restock failed: {{ error.message }} ({{ error.status }})");
  await notify.getByLabel("Level").selectOption("error");
  await pe.save();
  await page.goto(appUrl);
  await page.locator('[data-component-name="button1"] button').click();
  const toast = page.getByTestId("notification");
  await expect(toast).toHaveText(/Restock failed: The warehouse API is down \(503\)/);
  await expect(toast).toHaveAttribute("data-level", "error");
});

test("(5) Test uses the default parameters while the page passes its own", async ({ page }) => {
  const { app, appUrl } = await newApp(page);
  const fe = await createJsFunction(page, app, "greetUser", "return `Hello, ${who}!`;", [["who", "string", "tester"]]);
  await fe.test();
  await expect(fe.result).toContainText("Hello, tester!");
  await saveFunction(page, fe);
  const pe = await openPages(page, app);
  await pe.add("button");
  const run = await pe.addAction("On click");
  await run.getByLabel("Parameter who").fill("the page");
  const text = await pe.add("text");
  await pe.setProp("value", "{{ greetUser.data }}");
  await pe.save();
  await page.goto(appUrl);
  await page.locator('[data-component-name="button1"] button').click();
  await expect(page.locator(`[data-component-name="${text}"]`)).toHaveText("Hello, the page!");
});
