import { expect, type Locator, type Page } from "@playwright/test";

/** The app editor at `/apps/<id>/edit`, with its Code tab. */
export class EditorPage {
  constructor(readonly page: Page) {}

  get title(): Locator {
    return this.page.getByTestId("app-title");
  }

  scope(label: string): Locator {
    return this.page.getByRole("region", { name: label });
  }

  scopeOf(label: string): Locator {
    return this.scope(label);
  }

  fn(name: string): Locator {
    return this.page.locator(`[data-function-name="${name}"]`);
  }

  /** Opens a panel of the left side: the app's pages, or its functions (Code). */
  async openTab(name: "Pages" | "Code") {
    const tab = this.page.getByRole("tab", { name, exact: true });
    if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
  }

  async createFunction(name: string, scopeLabel = "Global") {
    await this.openTab("Code");
    await this.page.getByRole("button", { name: `New function in ${scopeLabel}` }).click();
    const form = this.page.getByTestId("create-function-form");
    await form.getByLabel("Function name").fill(name);
    await form.getByRole("button", { name: "Create" }).click();
  }

  async renameFunction(from: string, to: string) {
    await this.fn(from).hover();
    await this.page.getByRole("button", { name: `Rename ${from}` }).click();
    const form = this.page.getByTestId("rename-function-form");
    await form.getByLabel("New function name").fill(to);
    await form.getByRole("button", { name: "Save" }).click();
  }

  async deleteFunction(name: string) {
    await this.fn(name).hover();
    await this.page.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Delete function" }).click();
    await expect(dialog).toBeHidden();
  }
}
