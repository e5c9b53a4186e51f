import { expect, test } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { FunctionEditorPage } from "./pages/function-editor-page";
import { HomePage } from "./pages/home-page";

test("build a function: parameters, code, Test, canvas with a branch, errors, save, history, restore", async ({ page }) => {
  test.setTimeout(150_000);
  const home = new HomePage(page);
  await home.goto();
  await home.createApp(`Editor ${Date.now().toString(36)}`);
  const app = new EditorPage(page);
  await app.createFunction("priceQuote");
  const fe = new FunctionEditorPage(page);
  await expect(fe.root).toBeVisible();

  // Parameters with defaults, and one JavaScript block.
  await fe.addParam("quantity", "number", "3");
  await fe.addParam("unitPrice", "number", "10");
  const single = page.locator('[data-block-type="code"]');
  await fe.setCode(single, 'console.log("computing", quantity);\nreturn { total: quantity * unitPrice };');
  await expect(page.getByTestId("unsaved")).toBeVisible();

  // Test runs the draft with the defaults.
  await fe.test();
  await expect(fe.result).toContainText("total");
  await expect(fe.result).toContainText("30");

  // The canvas: a branch on the total and two code blocks, one of which is skipped.
  await page.getByRole("button", { name: "Add steps in canvas" }).click();
  await expect(fe.node("code1")).toBeVisible();
  await fe.addFromPalette("Branch");
  await fe.addFromPalette("JavaScript");
  await fe.addFromPalette("JavaScript");
  await expect(fe.node("branch1")).toBeVisible();
  await expect(fe.node("code3")).toBeVisible();
  await fe.connect("code1", "next", "branch1");
  await fe.connect("branch1", "case1", "code2");
  await fe.connect("branch1", "else", "code3");
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);

  await fe.select("branch1");
  await fe.inspector.getByLabel("Condition 1").fill("{{ code1.data.total > 20 }}");
  await fe.select("code2");
  await fe.setCode(fe.inspector, 'return "big order";');
  await fe.select("code3");
  await fe.setCode(fe.inspector, 'return "small order";');
  await expect(page.getByTestId("problems")).toHaveCount(0);

  await fe.test();
  await expect(fe.result).toContainText("big order");
  const timeline = page.getByTestId("timeline");
  await page.getByTestId("run-details").getByRole("tab", { name: /timeline/i }).click();
  await expect(timeline.locator('[data-block-name="code3"]')).toHaveAttribute("data-status", "skipped");
  await expect(timeline.locator('[data-block-name="code2"]')).toHaveAttribute("data-status", "ok");
  await expect(fe.node("code3").locator("[data-block-name]")).toHaveAttribute("data-status", "skipped");

  // Break the code: the error names the block and is pinned on it.
  await fe.select("code2");
  await fe.setCode(fe.inspector, "return notDefined.total;");
  await fe.test();
  await page.getByTestId("run-details").getByRole("tab").first().click();
  await expect(page.getByTestId("run-error")).toContainText("notDefined");
  await expect(page.getByTestId("run-error")).toContainText("code2");
  await expect(fe.node("code2").locator("[data-block-name]")).toHaveAttribute("data-status", "error");

  // Fix it, save, reload: everything is there.
  await fe.setCode(fe.inspector, 'return "big order";');
  await page.keyboard.press("ControlOrMeta+s");
  await expect(page.getByTestId("saved-state")).toBeVisible();
  await page.reload();
  await expect(fe.node("branch1")).toBeVisible();
  await expect(fe.node("code3")).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(4);
  await expect(fe.param("unitPrice")).toBeVisible();

  // History: the test runs with their logs.
  await fe.tab("Logs");
  const history = page.getByTestId("history-panel");
  await expect(history.locator("[data-run-id]").first()).toBeVisible();
  await expect(history.locator('[data-run-id][data-source="test"]')).toHaveCount(3);
  await history.locator('[data-run-id][data-status="ok"]').first().click();
  await history.getByRole("tab", { name: /logs/i }).click();
  await expect(history.getByTestId("run-logs")).toContainText("computing 3");

  // Restore the first version: the canvas goes back to one code block.
  await fe.tab("Versions");
  await page.getByRole("button", { name: "Restore version 1" }).click();
  await expect(page.locator('[data-version="3"]')).toContainText("restore v1");
  await expect(fe.node("branch1")).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-block-name="code1"]')).toBeVisible();
  await expect(page.locator('[data-block-name="branch1"]')).toHaveCount(0);
});

test("two tabs editing one function: the second save is refused and can reload", async ({ page, context }) => {
  const home = new HomePage(page);
  await home.goto();
  await home.createApp(`Tabs ${Date.now().toString(36)}`);
  await new EditorPage(page).createFunction("shared");
  const first = new FunctionEditorPage(page);
  await expect(first.root).toBeVisible();
  const second = new FunctionEditorPage(await context.newPage());
  await second.page.goto(page.url());
  await expect(second.root).toBeVisible();

  await first.setCode(page.locator('[data-block-type="code"]'), "return 'from the first tab';");
  await first.root.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("saved-state")).toBeVisible();

  await second.setCode(second.page.locator('[data-block-type="code"]'), "return 'from the second tab';");
  await second.root.getByRole("button", { name: "Save" }).click();
  const refused = second.page.getByTestId("save-error");
  await expect(refused).toContainText("saved elsewhere");
  await expect(second.page.getByTestId("unsaved")).toBeVisible();
  await refused.getByRole("button", { name: "Reload latest" }).click();
  await expect(second.page.locator('[data-block-type="code"] .cm-content')).toContainText("from the first tab");
  await expect(second.page.getByTestId("saved-state")).toBeVisible();
});
