import { expect, test, type APIRequestContext } from "@playwright/test";
import { createAppWithFunction, jsFunction } from "./api-client";
import { ADMIN, signIn } from "./auth";
import { FunctionEditorPage } from "./pages/function-editor-page";
import { seedPerson } from "./seed-person";

// Per-app sharing and runs that know who ran them. The admin (every spec's default session)
// builds an app whose page has a button running a function, shares it with a `user` through the
// editor's Share dialog, and that user, signed in in a fresh browser context, sees only that app,
// runs the function from the page, and is refused what was not shared. The admin's Logs tab then
// shows the user's email and the button's event for that run. The user joins by an
// invitation over HTTP (e2e/seed-person.ts); team-journey.spec does the same through the pages.

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const USER = { email: `share-${suffix}@lathe.test`, password: "User-password-1", name: `Uma ${suffix}`, role: "user" as const };

const layout = (y: number) => ({ x: 0, y, w: 4, h: 1 });

/** Puts a button that runs `fnName` and a text that shows its data on the app's first page. */
async function buildPage(request: APIRequestContext, appId: string, fnName: string): Promise<void> {
  const pages = await request.get(`/api/apps/${appId}/pages`);
  expect(pages.status()).toBe(200);
  const pageId = (await pages.json()).pages[0].id as string;
  const detail = await request.get(`/api/pages/${pageId}`);
  const revision = (await detail.json()).page.revision as number;
  const tree = {
    version: 1,
    bindings: {},
    components: [
      { id: "b1", name: "button1", type: "button", layout: layout(0), props: { label: "Who am I?" }, events: { click: [{ type: "runFunction", function: fnName, params: {}, onSuccess: [], onFailure: [] }] } },
      { id: "t1", name: "text1", type: "text", layout: layout(1), props: { value: `{{ ${fnName}.data }}` }, events: {} },
    ],
  };
  const saved = await request.put(`/api/pages/${pageId}/tree`, { data: { tree, baseRevision: revision } });
  expect(saved.status(), await saved.text()).toBe(200);
}

test("an app shared with use: the user sees only it, runs it from its page, and the Logs tab shows who and which event", async ({ page, request, browser }) => {
  await seedPerson(request, USER);
  const { appId, fnId } = await createAppWithFunction(request, { name: "whoAmI", definition: jsFunction('return "it ran";') });
  await buildPage(request, appId, "whoAmI");
  const hidden = await createAppWithFunction(request, { name: "secret", definition: jsFunction("return 42;") });

  // The admin shares the app through the Share dialog; a `user` is offered `use` only.
  await page.goto(`/apps/${appId}/edit`);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: /^Share/ });
  const members = dialog.getByRole("list", { name: "Members" });
  await expect(members.locator("li")).toHaveCount(1);
  await expect(members).toContainText(ADMIN.email);
  await expect(members).toContainText("Owner");
  await expect(dialog.getByRole("button", { name: `Remove ${ADMIN.name}` })).toHaveCount(0);
  await dialog.getByLabel("Person or group to add").selectOption({ label: `${USER.name} (${USER.email})` });
  await expect(dialog.getByLabel("Access to give").locator("option")).toHaveText(["Can use"]);
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await expect(dialog.getByLabel(`Access for ${USER.name}`)).toHaveValue("use");
  await expect(members.locator("li")).toHaveCount(2);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // The user, in a browser of their own.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    await signIn(context.request, USER.email, USER.password);
    const user = await context.newPage();
    await user.goto("/");
    const list = user.getByTestId("app-list");
    await expect(list.locator("li")).toHaveCount(1);
    await expect(list.getByRole("link")).toHaveAttribute("href", `/apps/${appId}`);
    await expect(user.getByRole("button", { name: /^(New app|Rename|Delete)/ })).toHaveCount(0);

    await list.getByRole("link").click();
    await expect(user).toHaveURL(new RegExp(`/apps/${appId}$`));
    await user.locator('[data-component-name="button1"] button').click();
    await expect(user.locator('[data-component-name="text1"]')).toHaveText("it ran");

    // What was not shared does not exist for them; the editor refuses them.
    const notShared = await user.goto(`/apps/${hidden.appId}`);
    expect(notShared?.status()).toBe(404);
    expect((await context.request.post("/api/fn", { data: { fnId: hidden.fnId, args: [{}] } })).status()).toBe(404);
    await user.goto(`/apps/${appId}/edit`);
    await expect(user.getByTestId("refused")).toContainText("You can use this app, not edit it");
    expect((await context.request.get(`/api/functions/${fnId}/runs`)).status()).toBe(403);
  } finally {
    await context.close();
  }

  // The admin's Logs tab: who ran it, from which page and event; filtered by person.
  await page.goto(`/apps/${appId}/edit?fn=${fnId}`);
  const fe = new FunctionEditorPage(page);
  await expect(fe.root).toBeVisible();
  await fe.tab("Logs");
  const history = page.getByTestId("history-panel");
  const run = history.locator(`li[data-run-id][data-user-email="${USER.email}"]`);
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute("data-trigger", "button1.click");
  await expect(run.getByTestId("run-user")).toHaveText(USER.email);
  await expect(run.getByTestId("run-origin")).toHaveText("page1 · button1.click");
  await history.getByLabel("Filter by person").selectOption({ label: USER.email });
  await expect(history.locator("li[data-run-id]")).toHaveCount(1);
  await run.getByRole("button").click();
  await expect(history.getByTestId("history-run")).toContainText(`by ${USER.email}`);
});
