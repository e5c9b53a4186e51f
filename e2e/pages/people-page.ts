import { expect, type Locator, type Page } from "@playwright/test";
import type { Role } from "@/engine/contract/people";

/** The admin's People page at `/admin/people`. */
export class PeoplePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/admin/people");
    await expect(this.page.getByRole("heading", { name: "People", exact: true }).first()).toBeVisible();
  }

  get invitations(): Locator {
    return this.page.getByTestId("invitations-section");
  }

  person(email: string): Locator {
    return this.page.locator(`[data-person-email="${email}"]`);
  }

  /** Invites `email` as `role`; answers the link the page shows. */
  async invite(email: string, role: Role): Promise<string> {
    await this.invitations.getByLabel("Email").fill(email);
    await this.invitations.getByLabel("Role").selectOption(role);
    await this.invitations.getByRole("button", { name: "Invite" }).click();
    // The box of the link names the invitation's email (a box for an earlier one may still show).
    await expect(this.page.getByTestId("invitation-link")).toContainText(`Invitation for ${email} (${role})`);
    const link = this.page.getByLabel("Invitation link");
    await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9]+$/);
    return link.inputValue();
  }

  /** Copy: what lands on the clipboard. */
  async copyLink(): Promise<string> {
    await this.page.getByTestId("invitation-link").getByRole("button", { name: "Copy" }).click();
    await expect(this.page.getByTestId("invitation-link").getByRole("button", { name: "Copied" })).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  async setRole(email: string, role: Role) {
    const answered = this.page.waitForResponse((r) => r.url().includes("/api/users/") && r.request().method() === "PATCH");
    await this.page.getByLabel(`Role of ${email}`).selectOption(role);
    expect((await answered).status()).toBe(200);
  }
}
