import { expect, type Locator, type Page } from "@playwright/test";

/** The function editor inside the app editor: parameters, block or canvas, inspector, bottom panel. */
export class FunctionEditorPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId("function-editor");
  }

  param(name: string): Locator {
    return this.page.locator(`[data-param-name="${name}"]`);
  }

  /** Adds a parameter and sets its name, type and default. */
  async addParam(name: string, type: string, defaultText: string) {
    const before = await this.page.locator("[data-param-name]").count();
    await this.page.getByRole("button", { name: "+ Add parameter" }).click();
    const row = this.page.locator("[data-param-name]").nth(before);
    const nameInput = row.getByLabel("Parameter name");
    await nameInput.fill(name);
    await nameInput.press("Enter");
    await expect(this.param(name)).toBeVisible();
    await this.param(name).getByLabel(`Type of ${name}`).selectOption(type);
    await this.param(name).getByLabel(`Default of ${name}`).fill(defaultText);
  }

  /** Replaces the text of the code editor inside `scope`. */
  async setCode(scope: Locator, code: string) {
    const content = scope.locator(".cm-content").first();
    await content.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.insertText(code);
  }

  get inspector(): Locator {
    return this.page.getByTestId("inspector");
  }

  async test() {
    await this.root.getByRole("button", { name: "Test", exact: true }).click();
    await expect(this.page.getByTestId("run-details")).toBeVisible();
  }

  get result(): Locator {
    return this.page.getByTestId("run-result");
  }

  node(blockName: string): Locator {
    return this.page.locator(".react-flow__node", { has: this.page.locator(`[data-block-name="${blockName}"]`) });
  }

  async addFromPalette(label: string) {
    await this.page.locator(`[data-palette="${label}"]`).click();
  }

  async select(blockName: string) {
    await this.node(blockName).locator(`[data-block-name="${blockName}"] span`).first().click();
    await expect(this.inspector).toHaveAttribute("data-inspected-block", blockName);
  }

  /** Draws an edge from `source`'s port to `target` by dragging between their handles. */
  async connect(source: string, port: string, target: string) {
    const from = this.node(source).locator(`.react-flow__handle.source[data-handleid="${port}"]`);
    const to = this.node(target).locator(".react-flow__handle.target");
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error(`handles of ${source}.${port} → ${target} are not visible`);
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  async tab(name: "Test" | "Logs" | "Versions" | "Settings") {
    await this.root.getByRole("tab", { name }).click();
  }
}
