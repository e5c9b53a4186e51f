import { expect, type Locator, type Page } from "@playwright/test";

/** The page editor: palette, grid, component inspector, page settings, Preview, Save. */
export class PageEditorPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId("page-editor");
  }

  get inspector(): Locator {
    return this.page.getByTestId("component-inspector");
  }

  /** Adds a component from the palette; returns the name it got (it is selected). */
  async add(type: string): Promise<string> {
    await this.page.locator(`[data-add-component="${type}"]`).click();
    await expect(this.inspector).toBeVisible();
    return (await this.inspector.getAttribute("data-inspected-component")) ?? "";
  }

  async select(name: string) {
    await this.page.locator(`[data-grid-item="${name}"]`).click();
    await expect(this.inspector).toHaveAttribute("data-inspected-component", name);
  }

  /** Sets a template or text prop (a code editor field). */
  async setProp(prop: string, text: string) {
    const content = this.inspector.locator(`[data-prop="${prop}"] .cm-content`);
    await content.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.insertText(text);
  }

  /** Adds an action to a list (e.g. "On click", "On failure") and returns the action's box. */
  async addAction(list: string, within: Locator = this.inspector): Promise<Locator> {
    const box = within.locator(`[data-action-list="${list}"]`).first();
    const before = await box.locator(":scope > [data-action-type]").count();
    await box.getByRole("button", { name: "+ Add action" }).last().click();
    return box.locator(":scope > [data-action-type]").nth(before);
  }

  async deselect() {
    await this.inspector.getByRole("button", { name: "Page settings" }).click();
    await expect(this.page.getByTestId("page-settings")).toBeVisible();
  }

  async save() {
    await this.root.getByRole("button", { name: "Save page" }).click();
    await expect(this.page.getByTestId("page-saved")).toBeVisible();
  }

  async preview() {
    await this.root.getByRole("button", { name: "Preview" }).click();
  }
}
