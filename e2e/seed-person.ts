import path from "node:path";
import { authFor } from "../server/auth/auth";
import { openDb } from "../server/db/client";

/**
 * Creates a person with a password in the Playwright server's own database, for specs that need
 * someone besides the admin. Lathe has no HTTP route that creates people yet (invitations and
 * the people page are their own part of issue 11; better-auth's admin endpoints are deliberately
 * not exposed), so this opens the data folder's SQLite file beside the running server (WAL lets
 * both write) and calls better-auth's createUser server-side, exactly as the setup command does.
 * Everything after that (sign-in, sharing, running) goes through HTTP and the browser.
 */
export async function seedPerson(person: { email: string; password: string; name: string; role: "user" | "editor" }): Promise<void> {
  const dataDir = process.env.LATHE_E2E_DATA;
  if (!dataDir) throw new Error("LATHE_E2E_DATA is not set (playwright.config.ts sets it)");
  const db = openDb(`file:${path.join(dataDir, "lathe.db")}`);
  try {
    await authFor(db).api.createUser({
      body: { email: person.email, password: person.password, name: person.name, role: person.role, data: { emailVerified: true } },
    });
  } finally {
    await db.$disconnect();
  }
}
