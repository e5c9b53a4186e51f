import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { AuditPage } from "./pages/audit-page";
import { EditorPage } from "./pages/editor-page";
import { FunctionEditorPage } from "./pages/function-editor-page";
import { HomePage } from "./pages/home-page";
import { PageEditorPage } from "./pages/page-editor-page";
import { PeoplePage } from "./pages/people-page";
import { freePort, startServer, type ServerHandle } from "./server-process";

// Issue 11's whole journey, in the browser only, on a server of its own that starts with no one:
// setup creates the first admin; the admin invites an editor and a user; the editor builds a
// function and a page and shares the app with the user; the user sees and runs only that app and
// is refused the rest; the admin reads all of it in the audit log.
test.use({ storageState: { cookies: [], origins: [] } });

const ADMIN = { name: "Ada Admin", email: "ada@team.test", password: "Ada-first-admin-9" };
const EDITOR = { name: "Eli Editor", email: "eli@team.test", password: "Eli-builds-things-4" };
const USER = { name: "Uma User", email: "uma@team.test", password: "Uma-uses-things-6" };

let lathe: ServerHandle | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-journey-"));
  lathe = await startServer(dataDir, await freePort());
});

test.afterAll(async () => {
  await lathe?.stop();
});

/** A browser of its own (no one signed in) on the journey's server. */
async function person(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: lathe?.url, storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

/** Opens an invitation link, chooses a name and password, and lands home signed in. */
async function join(page: Page, link: string, who: { name: string; email: string; password: string }) {
  await page.goto(link);
  await expect(page.getByTestId("invited-email")).toHaveText(who.email);
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Join Lathe" }).click();
  await expect(page.getByTestId("account-menu")).toContainText(who.name);
}

test("first start to audit log: setup, invitations, build, share, use, refusals", async ({ browser }) => {
  test.setTimeout(240_000);

  // First start: every page goes to setup, which creates the first admin and signs them in.
  const admin = await person(browser);
  await admin.page.goto("/");
  await expect(admin.page).toHaveURL(/\/setup/);
  const setup = admin.page.getByRole("form", { name: "Create the first admin" });
  await setup.getByLabel("Name").fill(ADMIN.name);
  await setup.getByLabel("Email").fill(ADMIN.email);
  await setup.getByLabel("Password").fill("short");
  await expect(admin.page.getByTestId("password-rule")).not.toHaveText("");
  await expect(setup.getByRole("button", { name: "Create admin" })).toBeDisabled();
  await setup.getByLabel("Password").fill(ADMIN.password);
  await setup.getByRole("button", { name: "Create admin" }).click();
  await expect(admin.page.getByTestId("account-menu")).toContainText(`${ADMIN.name} (admin)`);
  // The demo app is the first admin's.
  await expect(admin.page.getByTestId("app-list").locator("li")).toHaveCount(1);

  // The admin invites an editor and a user; the page shows each link to hand over.
  const people = new PeoplePage(admin.page);
  await people.goto();
  const editorLink = await people.invite(EDITOR.email, "editor");
  const userLink = await people.invite(USER.email, "user");
  expect(userLink).not.toBe(editorLink);

  // The user joins; nothing is shared with them yet.
  const user = await person(browser);
  await join(user.page, userLink, USER);
  await expect(user.page.getByRole("heading", { name: "Apps" })).toBeVisible();
  await expect(user.page.getByTestId("app-list").locator("li")).toHaveCount(0);

  // The editor joins, builds a function that answers who called it, and a page that shows it.
  const editor = await person(browser);
  await join(editor.page, editorLink, EDITOR);
  // Apps the editor was not given do not show: the demo app is the admin's.
  await expect(editor.page.getByTestId("app-list").locator("li")).toHaveCount(0);
  const home = new HomePage(editor.page);
  await home.createApp("Front desk");
  const app = new EditorPage(editor.page);
  await expect(app.title).toBeVisible();
  const appUrl = editor.page.url().replace(/\/edit.*$/, "");
  await app.createFunction("whoAmI");
  const fe = new FunctionEditorPage(editor.page);
  await expect(fe.root).toBeVisible();
  await expect(editor.page).toHaveURL(/[?&]fn=/);
  const fnId = new URL(editor.page.url()).searchParams.get("fn");
  await fe.setCode(editor.page.locator('[data-block-type="code"]'), 'return "Signed in as " + currentUser.name;');
  await fe.test();
  await expect(fe.result).toContainText(`Signed in as ${EDITOR.name}`);
  await fe.root.getByRole("button", { name: "Save" }).click();
  await expect(editor.page.getByTestId("saved-state")).toBeVisible();

  await app.openTab("Pages");
  await editor.page.locator('[data-page-name="page1"] a').click();
  const pe = new PageEditorPage(editor.page);
  await expect(pe.root).toBeVisible();
  await pe.add("button");
  const click = await pe.addAction("On click");
  await expect(click.getByLabel("Function")).toHaveValue("whoAmI");
  const text = await pe.add("text");
  await pe.setProp("value", "{{ whoAmI.data }}");
  await pe.save();

  // A second app the editor keeps to themself.
  await home.goto();
  await home.createApp("Private notes");
  await expect(app.title).toBeVisible();
  const privateUrl = editor.page.url().replace(/\/edit.*$/, "");

  // The editor shares "Front desk" with the user, who may only use it.
  await editor.page.goto(`${appUrl}/edit`);
  await editor.page.getByRole("button", { name: "Share" }).click();
  const dialog = editor.page.getByRole("dialog", { name: /^Share/ });
  await dialog.getByLabel("Person or group to add").selectOption({ label: `${USER.name} (${USER.email})` });
  await expect(dialog.getByLabel("Access to give").locator("option")).toHaveText(["Can use"]);
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog.getByLabel(`Access for ${USER.name}`)).toHaveValue("use");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // The user signs out and back in through the sign-in page (once with a wrong password).
  await user.page.getByTestId("account-menu").getByRole("button", { name: "Sign out" }).click();
  await expect(user.page).toHaveURL(/\/sign-in/);
  const signIn = user.page.getByRole("form", { name: "Sign in" });
  await signIn.getByLabel("Email").fill(USER.email);
  await signIn.getByLabel("Password").fill("Not-the-password-1");
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(user.page.getByRole("alert").filter({ hasText: "The email or password is not right." })).toBeVisible();
  await signIn.getByLabel("Password").fill(USER.password);
  await signIn.getByRole("button", { name: "Sign in" }).click();
  await expect(user.page.getByTestId("account-menu")).toContainText(`${USER.name} (user)`);

  // They see only the shared app, with nothing to create, rename or delete; they run it.
  const list = user.page.getByTestId("app-list");
  await expect(list.locator("li")).toHaveCount(1);
  await expect(list).toContainText("Front desk");
  await expect(user.page.getByRole("button", { name: /^(New app|Rename|Delete)/ })).toHaveCount(0);
  await list.getByRole("link").click();
  await expect(user.page).toHaveURL(appUrl);
  await user.page.locator('[data-component-name="button1"] button').click();
  await expect(user.page.locator(`[data-component-name="${text}"]`)).toHaveText(`Signed in as ${USER.name}`);

  // The editor URL and the editor API refuse them; the app not shared with them does not exist.
  await user.page.goto(`${appUrl}/edit`);
  await expect(user.page.getByTestId("refused")).toContainText("You can use this app, not edit it");
  const fnDetail = await user.page.request.get(`/api/functions/${fnId}`);
  expect(fnDetail.status()).toBe(403);
  expect(await fnDetail.text()).not.toContain("currentUser.name");
  expect((await user.page.request.get(`/api/functions/${fnId}/runs`)).status()).toBe(403);
  const hidden = await user.page.goto(privateUrl);
  expect(hidden?.status()).toBe(404);
  const hiddenEditor = await user.page.goto(`${privateUrl}/edit`);
  expect(hiddenEditor?.status()).toBe(404);

  // The admin sees all of it in the audit log.
  const audit = new AuditPage(admin.page);
  await audit.goto();
  const row = (action: string, ...texts: string[]) => texts.reduce((rows, t) => rows.filter({ hasText: t }), audit.rowsOf(action));
  await expect(row("setup.first-admin", ADMIN.email)).toHaveCount(1);
  await expect(row("invitation.create", ADMIN.email, EDITOR.email)).toHaveCount(1);
  await expect(row("invitation.create", ADMIN.email, USER.email)).toHaveCount(1);
  await expect(row("invitation.accept", EDITOR.email)).toHaveCount(1);
  await expect(row("invitation.accept", USER.email)).toHaveCount(1);
  await expect(row("app.create", EDITOR.email, "Front desk")).toHaveCount(1);
  await expect(row("function.save", EDITOR.email, "whoAmI")).toHaveCount(1);
  await expect(row("page.save", EDITOR.email)).toHaveCount(1);
  await expect(row("app.share", EDITOR.email, USER.email)).toHaveCount(1);
  await expect(row("sign-in.failed", USER.email)).toHaveCount(1);
  await expect(row("sign-in", USER.email).first()).toBeVisible();
  // Filtered to one person.
  await audit.filter({ actor: USER.email });
  await expect(admin.page).toHaveURL(/[?&]actor=uma(%40|@)team\.test/);
  await expect(audit.rowsOf("sign-in.failed")).toHaveCount(1);
  await expect(audit.rows.filter({ hasNotText: USER.email })).toHaveCount(0);

  await Promise.all([admin.context.close(), editor.context.close(), user.context.close()]);
});
