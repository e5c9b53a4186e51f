import { expect, type Locator, type Page } from "@playwright/test";

/** The Resources page at `/resources`. */
export class ResourcesPage {
  private creating = "";
  constructor(readonly page: Page) {}

  get form(): Locator {
    return this.page.getByTestId("resource-form");
  }

  async goto() {
    await this.page.goto("/resources");
    await expect(this.page.getByRole("heading", { name: "Resources" })).toBeVisible();
  }

  async startNew(kind: "REST API" | "PostgreSQL" | "SQLite" | "SMTP", name: string) {
    await this.page.getByRole("button", { name: "New resource" }).click();
    await expect(this.form.getByRole("heading", { name: "New resource" })).toBeVisible();
    this.creating = name;
    await this.field("Name").fill(name);
    await this.field("Kind").selectOption({ label: kind });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Creates and waits for the new resource's own form (the page moves to `?id=`). */
  async create() {
    await this.form.getByRole("button", { name: "Create resource" }).click();
    await expect(this.page).toHaveURL(/\/resources\?id=/);
    await expect(this.form.getByRole("heading", { name: this.creating })).toBeVisible();
  }

  async save() {
    await this.form.getByRole("button", { name: "Save" }).click();
    await expect(this.form.getByText("Saved")).toBeVisible();
  }

  async testConnection(): Promise<Locator> {
    await this.form.getByRole("button", { name: "Test connection" }).click();
    const result = this.form.getByTestId("connection-result");
    await expect(result).toBeVisible({ timeout: 20_000 });
    return result;
  }

  async open(name: string) {
    await this.page.locator(`[data-resource-name="${name}"] a`).click();
    await expect(this.form.getByRole("heading", { name })).toBeVisible();
  }
}
