import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";
import { PageEditorPage } from "./pages/page-editor-page";

// Issue 12, hole 5: a page expression that tries to reach the browser. An editor saves a page
// whose Text components hold known escapes (the constructor chain to Function, `__proto__`, an
// arrow function's constructor) and whose button notifies through another; a harmless Text
// beside them. In the user view and in the editor, nothing the payloads write happens (title,
// request to /x, a global, localStorage), the harmless Text renders, the inspector names the
// refusal, and the button's handler shows it as a notification.

const PAYLOAD = "document.title='pwned'; window.__pwned = true; localStorage.setItem('pwned', '1'); fetch('/x')";
const ESCAPES: Record<string, string> = {
  chain: `{{ [].constructor.constructor("${PAYLOAD}")() }}`,
  proto: `{{ ({}).__proto__.constructor.constructor("${PAYLOAD}")() }}`,
  arrow: `Hi {{ (() => 1).constructor("${PAYLOAD}")() }}`,
};

const layout = (y: number) => ({ x: 0, y, w: 4, h: 1 });

async function buildApp(request: APIRequestContext): Promise<string> {
  const app = await request.post("/api/apps", { data: { name: `escapes ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}` } });
  expect(app.status()).toBe(200);
  const appId = (await app.json()).app.id as string;
  const pageId = (await (await request.get(`/api/apps/${appId}/pages`)).json()).pages[0].id as string;
  const revision = (await (await request.get(`/api/pages/${pageId}`)).json()).page.revision as number;
  const components = [
    ...Object.entries(ESCAPES).map(([name, value], i) => ({ id: `t${i}`, name, type: "text", layout: layout(i), props: { value }, events: {} })),
    { id: "ok", name: "harmless", type: "text", layout: layout(3), props: { value: "{{ [1, 2, 3].map(n => n * 2).join('-') }}" }, events: {} },
    {
      id: "b", name: "button1", type: "button", layout: layout(4), props: { label: "Greet" },
      events: { click: [{ type: "notify", message: `{{ [].constructor.constructor("${PAYLOAD}")() }}`, level: "info" }] },
    },
  ];
  const saved = await request.put(`/api/pages/${pageId}/tree`, { data: { tree: { version: 1, bindings: {}, components }, baseRevision: revision } });
  expect(saved.status(), await saved.text()).toBe(200);
  return appId;
}

/** Records every request to /x the page makes. */
function watchRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/x") seen.push(r.url());
  });
  return seen;
}

async function expectNothingRan(page: Page, requests: string[]) {
  await expect(page).not.toHaveTitle("pwned");
  expect(await page.evaluate(() => [Reflect.get(window, "__pwned"), localStorage.getItem("pwned")])).toEqual([undefined, null]);
  expect(requests).toEqual([]);
}

test("escapes in a page's expressions run nothing in the user view or the editor; the rest renders and the refusal is shown", async ({ page, request }) => {
  const appId = await buildApp(request);
  const requests = watchRequests(page);

  // The user view: the harmless Text renders, the escaping ones are empty, nothing ran.
  await page.goto(`/apps/${appId}`);
  await expect(page.locator('[data-component-name="harmless"]')).toHaveText("2-4-6");
  await expectNothingRan(page, requests);
  await expect(page.locator('[data-component-name="chain"]')).toHaveText("");
  await expect(page.locator('[data-component-name="arrow"]')).toHaveText("");
  await page.locator('[data-component-name="button1"] button').click();
  await expect(page.getByTestId("notification")).toContainText("`constructor` is not allowed in expressions");
  await expectNothingRan(page, requests);

  // The editor: the canvas renders the same page; the inspector names each refusal.
  await page.goto(`/apps/${appId}/edit`);
  await new EditorPage(page).openTab("Pages");
  await page.locator('[data-page-name="page1"]').getByRole("link", { name: "page1" }).click();
  const pe = new PageEditorPage(page);
  await expect(pe.root).toBeVisible();
  await expect(pe.root.locator('[data-component-name="harmless"]')).toHaveText("2-4-6");
  for (const [name, refused] of [["chain", "constructor"], ["proto", "__proto__"], ["arrow", "constructor"]]) {
    await pe.select(name);
    const preview = pe.inspector.locator('[data-prop="value"] [data-testid="expression-value"]');
    await expect(preview).toHaveAttribute("data-ok", "false");
    await expect(preview).toContainText(`\`${refused}\` is not allowed in expressions`);
  }
  await expectNothingRan(page, requests);
});
