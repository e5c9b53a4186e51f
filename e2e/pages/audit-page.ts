import { expect, type Locator, type Page } from "@playwright/test";

/** The audit log at `/admin/audit`: filters, the table, paging. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/admin/audit${query}`);
    await expect(this.page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  }

  get rows(): Locator {
    return this.page.getByTestId("audit-row");
  }

  rowsOf(action: string): Locator {
    return this.page.locator(`[data-testid="audit-row"][data-action="${action}"]`);
  }

  /** Applies the filters and waits for the URL to carry them. */
  async filter(values: { action?: string; actor?: string; target?: string }) {
    const form = this.page.getByTestId("audit-filters");
    if (values.action !== undefined) await form.getByLabel("Action").fill(values.action);
    if (values.actor !== undefined) await form.getByLabel("Who (email contains)").fill(values.actor);
    if (values.target !== undefined) await form.getByLabel("Target id").fill(values.target);
    await form.getByRole("button", { name: "Filter" }).click();
    if (values.action) await expect(this.page).toHaveURL(new RegExp(`[?&]action=${encodeURIComponent(values.action).replace(/\./g, "\\.")}`));
  }

  get next(): Locator {
    return this.page.getByTestId("audit-next");
  }

  get previous(): Locator {
    return this.page.getByTestId("audit-previous");
  }

  get pageLabel(): Locator {
    return this.page.getByTestId("audit-page");
  }
}
