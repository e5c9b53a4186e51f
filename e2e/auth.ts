import { expect, type APIRequestContext } from "@playwright/test";

/** The admin the test server is started with (LATHE_ADMIN_EMAIL / LATHE_ADMIN_PASSWORD). */
export const ADMIN = { email: "admin@lathe.test", password: "Admin-password-1", name: "Admin" };

/** The environment that makes a fresh server create ADMIN at start. */
export const ADMIN_ENV = { LATHE_ADMIN_EMAIL: ADMIN.email, LATHE_ADMIN_PASSWORD: ADMIN.password, LATHE_ADMIN_NAME: ADMIN.name };

/** Signs in over HTTP and returns the `Cookie` header value of the session. */
export async function sessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes("session_token="));
  if (!cookie) throw new Error("sign-in set no session cookie");
  return cookie.split(";")[0];
}

/** Signs a Playwright request context in (its cookies then go with every request). */
export async function signIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const res = await request.post("/api/auth/sign-in/email", { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
}
