import { generateRandomString } from "better-auth/crypto";
import { Email, passwordProblem } from "@/engine/contract/people";
import type { Auth } from "../auth/auth";
import { revokeUserSessions } from "../auth/session";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import { ServiceError } from "./errors";

/** A generated password: 24 characters of three kinds, which keeps the rule (passwordProblem). */
export function generatedPassword(): string {
  for (;;) {
    const candidate = generateRandomString(24, "a-z", "A-Z", "0-9");
    if (!passwordProblem(candidate)) return candidate;
  }
}

/**
 * `npm run lathe -- reset-password <email>`: a new password for a person (a locked-out admin),
 * set on the database directly, no session needed. A person who only ever signed in by single
 * sign-on gets a password account. Every session they had ends.
 */
export async function resetPassword(deps: { db: Db; auth: Auth }, emailInput: string, password: string): Promise<{ userId: string; email: string; createdAccount: boolean; sessionsEnded: number }> {
  const parsed = Email.safeParse(emailInput);
  if (!parsed.success) throw new ServiceError("VALIDATION", `"${emailInput}" is not an email address`);
  const email = parsed.data;
  const problem = passwordProblem(password);
  if (problem) throw new ServiceError("VALIDATION", problem, { field: "password" });
  const { db, auth } = deps;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) throw new ServiceError("NOT_FOUND", `No one has the email ${email}`);
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(password);
  const credential = await db.account.findFirst({ where: { userId: user.id, providerId: "credential" }, select: { id: true } });
  if (credential) await db.account.update({ where: { id: credential.id }, data: { password: hash } });
  else await ctx.internalAdapter.createAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  // A lockout from failed sign-ins would keep them out with the new password too.
  await db.signInThrottle.deleteMany({ where: { key: `email:${email}` } });
  const sessionsEnded = await revokeUserSessions(db, user.id);
  await recordAudit(db, { actorId: null, actorEmail: null, action: "user.password-reset", targetType: "user", targetId: user.id, detail: { email, by: "command line", createdAccount: !credential, sessionsEnded } });
  return { userId: user.id, email, createdAccount: !credential, sessionsEnded };
}
