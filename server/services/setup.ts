import { passwordProblem, type SetupBody } from "@/engine/contract/people";
import type { Auth } from "../auth/auth";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import { ServiceError } from "./errors";

/** The Setting row that claims the first admin: its primary key makes a second claim fail. */
const FIRST_ADMIN_KEY = "firstAdminCreatedAt";

const holder = globalThis as typeof globalThis & { __latheHasUsers?: boolean };

/** Whether anyone can sign in yet; remembered once true (people are never all removed: the last admin stays). */
export async function hasUsers(db: Db): Promise<boolean> {
  if (holder.__latheHasUsers) return true;
  const any = (await db.user.count()) > 0;
  if (any) holder.__latheHasUsers = true;
  return any;
}

/**
 * Creates the first admin of an installation, once: a second attempt (a second browser, a
 * second server) finds the claim taken and gets CONFLICT. Apps made before there were people
 * (the demo app) become theirs.
 */
export async function createFirstAdmin(db: Db, auth: Auth, input: SetupBody, ip: string | null = null): Promise<{ id: string; email: string; name: string }> {
  const problem = passwordProblem(input.password);
  if (problem) throw new ServiceError("VALIDATION", problem, { field: "password" });
  if (await hasUsers(db)) throw new ServiceError("CONFLICT", "Lathe already has an admin: sign in instead");
  try {
    await db.setting.create({ data: { key: FIRST_ADMIN_KEY, value: new Date().toISOString() } });
  } catch {
    throw new ServiceError("CONFLICT", "Lathe already has an admin: sign in instead");
  }
  try {
    const { user } = await auth.api.createUser({ body: { email: input.email, password: input.password, name: input.name, role: "admin", data: { emailVerified: true } } });
    await db.app.updateMany({ where: { createdById: null }, data: { createdById: user.id } });
    holder.__latheHasUsers = true;
    await recordAudit(db, { actorId: user.id, actorEmail: user.email, action: "setup.first-admin", targetType: "user", targetId: user.id, ip });
    return { id: user.id, email: user.email, name: user.name };
  } catch (err) {
    await db.setting.deleteMany({ where: { key: FIRST_ADMIN_KEY } }); // let a corrected attempt through
    throw err;
  }
}

/**
 * `LATHE_ADMIN_EMAIL` and `LATHE_ADMIN_PASSWORD` create the first admin at start, for scripted
 * installs; ignored once anyone exists. A password that breaks the rule stops the start.
 */
export async function adminFromEnvironment(db: Db, auth: Auth, env: Readonly<Record<string, string | undefined>> = process.env): Promise<"created" | "skipped"> {
  const email = env.LATHE_ADMIN_EMAIL?.trim();
  const password = env.LATHE_ADMIN_PASSWORD;
  if (!email || !password) return "skipped";
  if (await hasUsers(db)) return "skipped";
  const problem = passwordProblem(password);
  if (problem) throw new Error(`LATHE_ADMIN_PASSWORD: ${problem}`);
  await createFirstAdmin(db, auth, { email: email.toLowerCase(), password, name: env.LATHE_ADMIN_NAME?.trim() || "Admin" });
  return "created";
}
