import { expect, type Locator, type Page } from "@playwright/test";

/** The apps list at `/`. */
export class HomePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { name: "Apps" })).toBeVisible();
  }

  row(name: string): Locator {
    return this.page.locator(`[data-app-name="${name}"]`);
  }

  async createApp(name: string) {
    await this.page.getByRole("button", { name: "New app" }).click();
    await this.page.getByLabel("App name").fill(name);
    await this.page.getByRole("button", { name: "Create app" }).click();
  }

  async renameApp(from: string, to: string) {
    await this.page.getByRole("button", { name: `Rename ${from}` }).click();
    const field = this.page.getByLabel("New app name");
    await field.fill(to);
    await this.page.getByTestId("rename-app-form").getByRole("button", { name: "Save" }).click();
  }

  async deleteApp(name: string, { confirm }: { confirm: boolean }) {
    await this.page.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toContainText(`Delete "${name}"?`);
    await dialog.getByRole("button", { name: confirm ? "Delete app" : "Cancel" }).click();
    await expect(dialog).toBeHidden();
  }
}
