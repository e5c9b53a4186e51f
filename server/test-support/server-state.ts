import crypto from "node:crypto";
import { authFor, type Auth } from "../auth/auth";
import { sessionCache } from "../auth/session-cache";
import type { Db } from "../db/client";
import { createTestDb } from "../db/test-db";
import { hotPath, runWriter } from "../runtime/engine";

/**
 * The server's per-process singletons (server/db/client.ts, server/auth/*, server/runtime/engine.ts)
 * pointed at a fresh test database, for tests that call routes as the server would; `restore()`
 * flushes the runs and puts everything back.
 */
const holder = globalThis as typeof globalThis &
  Record<"__latheDb" | "__latheAuth" | "__latheKey" | "__latheSessionDeps" | "__latheHot" | "__latheRuns" | "__latheDefinitions", unknown>;
const SINGLETONS = ["__latheHot", "__latheRuns", "__latheDefinitions", "__latheSessionDeps"] as const;

/** `secretKey`: also a random key for resource secrets (routes that store them). */
export function installTestServerState(options: { secretKey?: boolean } = {}): { t: ReturnType<typeof createTestDb>; auth: Auth; restore: () => Promise<void> } {
  const t = createTestDb();
  if (options.secretKey) holder.__latheKey = crypto.randomBytes(32);
  process.env.DATABASE_URL = `file:${t.file}`;
  for (const k of SINGLETONS) delete holder[k];
  const auth = authFor(t.db);
  holder.__latheDb = t.db;
  holder.__latheAuth = auth;
  sessionCache().clear();
  const restore = async () => {
    await runWriter(t.db).close();
    hotPath()?.close();
    for (const k of SINGLETONS) delete holder[k];
    delete process.env.DATABASE_URL;
    delete holder.__latheDb;
    delete holder.__latheAuth;
    if (options.secretKey) delete holder.__latheKey;
    sessionCache().clear();
    await t.close();
  };
  return { t, auth, restore };
}

/** A person created with a password and signed in: their id and the `Cookie` header value of the session. */
export async function signedInPerson(auth: Auth, db: Db, email: string, role: "user" | "editor" | "admin", password = "Signed-in-test-1"): Promise<{ id: string; email: string; cookie: string }> {
  await auth.api.createUser({ body: { email, password, name: email, role, data: { emailVerified: true } } });
  const { headers } = await auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookie = headers.getSetCookie().find((c) => c.includes("session_token="));
  if (!cookie) throw new Error("no session cookie");
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return { id: user.id, email, cookie: cookie.split(";")[0] };
}
