import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, ADMIN_ENV } from "./auth";
import { freePort, startServer, type ServerHandle } from "./server-process";
import { OIDC_ACCOUNTS, startOidcProvider, type TestProvider } from "./support/oidc-provider";

// Single sign-on end to end: a real OpenID Connect provider on 127.0.0.1 and a Lathe server of
// this spec's own, configured for it by LATHE_OIDC_*; everything through Chromium.
test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] } });

let idp: TestProvider;
let lathe: ServerHandle | null = null;
let port: number;
let dataDir: string;

function ssoEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...ADMIN_ENV,
    LATHE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LATHE_OIDC_ISSUER: idp.issuer,
    LATHE_OIDC_CLIENT_ID: idp.clientId,
    LATHE_OIDC_CLIENT_SECRET: idp.clientSecret,
    LATHE_OIDC_SCOPES: "openid email profile groups",
    LATHE_OIDC_ROLE_MAP: "lathe-editors=editor",
    ...extra,
  };
}

/** A fresh browser context (no one signed in) that signs in through the provider as `login`. */
async function signInWithSso(browser: Browser, login: string, button: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const base = lathe?.url ?? "";
  await page.goto(`${base}/sign-in`);
  await page.getByRole("button", { name: button }).click();
  // The provider's own sign-in page (oidc-provider's development login: any password).
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password at all");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL(`${base}/`);
  return page;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  port = await freePort();
  idp = await startOidcProvider([`http://127.0.0.1:${port}/api/auth/callback/oidc`], {
    ...OIDC_ACCOUNTS,
    // The admin Lathe was installed with, known to the provider by the same email.
    admin: { email: ADMIN.email, name: "Admin at the provider", groups: ["staff"] },
  });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-sso-"));
  lathe = await startServer(dataDir, port, ssoEnv({ LATHE_OIDC_LABEL: "Acme ID" }));
});

test.afterAll(async () => {
  await lathe?.stop();
  await idp?.stop();
});

test("alice signs in through the provider; her group maps to editor", async ({ browser }) => {
  const page = await signInWithSso(browser, "alice", "Sign in with Acme ID");
  await expect(page.getByTestId("account-menu")).toContainText("Alice Archer");
  await expect(page.getByTestId("account-menu")).toContainText("(editor)");
  await expect(page.getByRole("button", { name: "New app" })).toBeVisible();

  const me = await (await page.request.get(`${lathe?.url}/api/me`)).json();
  expect(me).toMatchObject({ email: "alice@example.test", name: "Alice Archer", role: "editor", groups: ["lathe-editors"] });

  // Signed in once more (a returning person): the same account, nothing duplicated.
  await page.context().close();
  const again = await signInWithSso(browser, "alice", "Sign in with Acme ID");
  expect(await (await again.request.get(`${lathe?.url}/api/me`)).json()).toMatchObject({ id: me.id, role: "editor", groups: ["lathe-editors"] });
  await again.context().close();
});

test("bob, in no mapped group, signs in as a user: no New app", async ({ browser }) => {
  const page = await signInWithSso(browser, "bob", "Sign in with Acme ID");
  await expect(page.getByTestId("account-menu")).toContainText("Bob Baker");
  await expect(page.getByTestId("account-menu")).toContainText("(user)");
  await expect(page.getByRole("heading", { name: "Apps" })).toBeVisible();
  await expect(page.getByRole("button", { name: "New app" })).toHaveCount(0);
  expect(await (await page.request.get(`${lathe?.url}/api/me`)).json()).toMatchObject({ email: "bob@example.test", role: "user", groups: [] });
  // A user may not create an app.
  const create = await page.request.post(`${lathe?.url}/api/apps`, { data: { name: "Bobs" } });
  expect(create.status()).toBe(403);
  await page.context().close();
});

test("a person created here with the same email is linked, not duplicated; the only admin stays admin", async ({ browser }) => {
  const page = await signInWithSso(browser, "admin", "Sign in with Acme ID");
  const me = await (await page.request.get(`${lathe?.url}/api/me`)).json();
  // The provider's groups are added; its unmapped groups do not demote the installation's only admin.
  expect(me).toMatchObject({ email: ADMIN.email, role: "admin", groups: ["staff"] });
  await expect(page.getByRole("link", { name: "Resources" })).toBeVisible();
  await page.context().close();
});

test("with LATHE_PASSWORD_SIGNIN=off there is no password form and the password endpoint refuses", async ({ browser }) => {
  test.setTimeout(180_000);
  await lathe?.stop();
  lathe = await startServer(dataDir, port, ssoEnv({ LATHE_PASSWORD_SIGNIN: "off" }));
  const base = lathe.url;

  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ code: "EMAIL_PASSWORD_DISABLED" });
  expect(res.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(false);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  // The default label.
  await expect(page.getByRole("button", { name: "Sign in with single sign-on" })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Sign in" })).toHaveCount(0);
  await context.close();

  // Single sign-on still works.
  const alice = await signInWithSso(browser, "alice", "Sign in with single sign-on");
  await expect(alice.getByTestId("account-menu")).toContainText("(editor)");
  await alice.context().close();
});
