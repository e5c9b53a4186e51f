import { expect, test } from "@playwright/test";
import { ADMIN } from "./auth";
import { AuditPage } from "./pages/audit-page";
import { EditorPage } from "./pages/editor-page";
import { FunctionEditorPage } from "./pages/function-editor-page";
import { HomePage } from "./pages/home-page";

test("the admin's function save and app rename are in the audit log, filtered by action, with their email", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const home = new HomePage(page);
  await home.goto();
  await home.createApp(`Audited ${suffix}`);
  const editor = new EditorPage(page);
  await editor.createFunction("auditedFn");
  const fe = new FunctionEditorPage(page);
  await expect(fe.root).toBeVisible();
  await fe.setCode(page.locator('[data-block-type="code"]'), "return 'audited';");
  await fe.root.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("saved-state")).toBeVisible();

  await home.goto();
  await home.renameApp(`Audited ${suffix}`, `Audited renamed ${suffix}`);
  await expect(home.row(`Audited renamed ${suffix}`)).toBeVisible();

  await page.getByRole("link", { name: "Audit log" }).click();
  const audit = new AuditPage(page);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();

  await audit.filter({ action: "function.save" });
  const save = audit.rows.filter({ hasText: "auditedFn" });
  await expect(save).toHaveCount(1);
  await expect(save).toContainText(ADMIN.email);
  await expect(save).toContainText("version=2");
  await expect(audit.rows).toHaveCount(await audit.rowsOf("function.save").count()); // nothing but saves

  await audit.filter({ action: "app." });
  const rename = audit.rowsOf("app.rename").filter({ hasText: `Audited renamed ${suffix}` });
  await expect(rename).toHaveCount(1);
  await expect(rename).toContainText(ADMIN.email);
  await expect(rename).toContainText(`from=Audited ${suffix}`);
  await expect(audit.rowsOf("app.create").filter({ hasText: `Audited ${suffix}` })).toHaveCount(1);
  await expect(audit.rowsOf("function.save")).toHaveCount(0);
});

test("paging: Next and Previous walk a log longer than one page, newest first, keeping the filter", async ({ page, request }) => {
  const created = await request.post("/api/apps", { data: { name: `Paged ${Date.now().toString(36)}` } });
  expect(created.status()).toBe(200);
  const appId = (await created.json()).app.id as string;
  for (let i = 1; i <= 4; i++) {
    const renamed = await request.patch(`/api/apps/${appId}`, { data: { name: `Paged rename ${i} ${appId}` } });
    expect(renamed.status(), await renamed.text()).toBe(200);
  }
  // Five entries for this app (create and four renames), two to a page: three pages.
  const audit = new AuditPage(page);
  await audit.goto(`?target=${appId}&pageSize=2`);
  await expect(audit.pageLabel).toHaveText("Page 1");
  await expect(audit.rows).toHaveCount(2);
  await expect(audit.rows.nth(0)).toContainText("Paged rename 4");
  await expect(audit.rows.nth(1)).toContainText("Paged rename 3");
  await expect(audit.previous).toHaveCount(0);

  await audit.next.click();
  await expect(audit.pageLabel).toHaveText("Page 2");
  await expect(audit.rows.nth(0)).toContainText("Paged rename 2");
  await expect(audit.rows.nth(1)).toContainText("Paged rename 1");

  await audit.next.click();
  await expect(audit.pageLabel).toHaveText("Page 3");
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rowsOf("app.create")).toHaveCount(1);
  await expect(audit.next).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`target=${appId}`));

  await audit.previous.click();
  await expect(audit.pageLabel).toHaveText("Page 2");
  await expect(audit.rows.nth(0)).toContainText("Paged rename 2");
});
