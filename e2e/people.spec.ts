import { expect, test } from "@playwright/test";
import { PeoplePage } from "./pages/people-page";

const EMPTY = { cookies: [], origins: [] };

test("the admin invites an editor, who joins by the link; a role change signs them out", async ({ page, browser, baseURL }) => {
  const email = `ed-${Date.now().toString(36)}@lathe.test`;
  const password = "Editor-pass-word-7";
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });

  const people = new PeoplePage(page);
  await people.goto();
  const shown = await people.invite(email, "editor");
  const link = await people.copyLink();
  expect(link).toBe(shown);
  expect(link.startsWith(`${baseURL}/invite/`)).toBe(true);
  await expect(people.invitations.locator(`[data-invitation-email="${email}"]`)).toContainText("editor");

  // A fresh browser, signed in as no one, opens the link.
  const editorContext = await browser.newContext({ storageState: EMPTY });
  const editor = await editorContext.newPage();
  await editor.goto(link);
  await expect(editor.getByTestId("invited-email")).toHaveText(email);
  await editor.getByLabel("Name").fill("Eddie Editor");
  await editor.getByLabel("Password").fill(password);
  await editor.getByRole("button", { name: "Join Lathe" }).click();
  await expect(editor).toHaveURL(`${baseURL}/`);
  await expect(editor.getByRole("button", { name: "New app" })).toBeVisible();
  // The People page is the admin's only.
  await editor.goto("/admin/people");
  await expect(editor.getByTestId("refused")).toContainText("Only admins manage people");

  // The link worked once.
  const other = await browser.newContext({ storageState: EMPTY });
  const again = await other.newPage();
  await again.goto(link);
  await expect(again.getByTestId("invitation-refused")).toContainText("already been used");
  await other.close();

  // The admin sees them, makes them a user: their session ends at once.
  await people.goto();
  await expect(people.person(email)).toContainText("Eddie Editor");
  await expect(people.invitations.locator(`[data-invitation-email="${email}"]`)).toHaveCount(0);
  await people.setRole(email, "user");
  await editor.goto("/");
  await expect(editor).toHaveURL(/\/sign-in\?next=/);
  await editorContext.close();
});

test("inviting an email that has an account is refused, and the last admin keeps the role", async ({ page }) => {
  const people = new PeoplePage(page);
  await people.goto();
  await people.invitations.getByLabel("Email").fill("admin@lathe.test");
  await people.invitations.getByRole("button", { name: "Invite" }).click();
  await expect(people.invitations.getByRole("alert")).toHaveText("admin@lathe.test already has an account");

  await page.getByLabel("Role of admin@lathe.test").selectOption("editor");
  await expect(page.getByTestId("people-section").getByRole("alert")).toHaveText("admin@lathe.test is the last admin: make someone else an admin first");
  await people.goto();
  await expect(page.getByLabel("Role of admin@lathe.test")).toHaveValue("admin");
});
