import { request, type FullConfig } from "@playwright/test";
import { ADMIN } from "./auth";

/**
 * Signs the admin in once and saves the session for every spec (`use.storageState`); specs about
 * sign-in itself start from an empty state or their own server.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const { baseURL, storageState } = config.projects[0].use;
  if (typeof storageState !== "string") throw new Error("playwright.config.ts names no storageState file");
  const context = await request.newContext({ baseURL });
  const res = await context.post("/api/auth/sign-in/email", { data: { email: ADMIN.email, password: ADMIN.password } });
  if (!res.ok()) throw new Error(`the admin could not sign in: ${res.status()} ${await res.text()}`);
  await context.storageState({ path: storageState });
  await context.dispose();
}
