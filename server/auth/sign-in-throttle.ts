import { APIError } from "better-auth/api";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";

/**
 * Failed sign-ins, slowed and then locked per account and per address. The account key is the
 * email as typed (lower case), known or not, so an unknown email and a wrong password behave the
 * same. better-auth already hashes a password for an unknown email, so both take the same time.
 */
export const THROTTLE = {
  /** Failures are counted within this window. */
  windowMs: 15 * 60_000,
  /** After this many failures of one account, it is locked (for every address). */
  accountFailures: 5,
  /** After this many failures from one address, it is locked (for every account). */
  addressFailures: 25,
  lockMs: 15 * 60_000,
  /** From the second failure on, the answer waits this long per earlier failure (at most maxDelayMs). */
  delayStepMs: 250,
  maxDelayMs: 2_000,
};

/** The time and the wait of the throttle; tests replace them (a fixed `now`, no real waiting). */
export const throttleClock = {
  now: (): number => Date.now(),
  sleep: (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)),
};

/** The parts of better-auth's hook context the throttle reads. */
export interface SignInHookContext {
  body?: unknown;
  headers?: Headers;
  request?: Request;
  context: { returned?: unknown; newSession: { user: { id: string; email: string } } | null };
}

function emailOf(body: unknown): string {
  const email = typeof body === "object" && body !== null && "email" in body ? body.email : undefined;
  return typeof email === "string" ? email.trim().toLowerCase() : "";
}

export function ipOf(ctx: { headers?: Headers; request?: Request }): string | null {
  return (ctx.headers ?? ctx.request?.headers)?.get("x-lathe-client-ip") ?? null;
}

function keys(ctx: SignInHookContext): string[] {
  const ip = ipOf(ctx);
  return [`email:${emailOf(ctx.body)}`, ...(ip ? [`ip:${ip}`] : [])];
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return `${m} minute${m === 1 ? "" : "s"}`;
}

/** Before the password is checked: a locked account or address is refused at once. */
export async function beforeSignIn(db: Db, ctx: SignInHookContext, now = throttleClock.now()): Promise<void> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys(ctx) } } });
  const lockedUntil = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  if (lockedUntil > now) {
    throw new APIError("TOO_MANY_REQUESTS", {
      code: "SIGN_IN_LOCKED",
      message: `Too many failed sign-ins. Try again in ${minutes(lockedUntil - now)}.`,
    });
  }
}

function failed(returned: unknown): boolean {
  return returned instanceof APIError && (returned.statusCode === 401 || returned.statusCode === 403);
}

/** After the check: count a failure (and wait, then lock), or clear the account's count. */
export async function afterSignIn(db: Db, ctx: SignInHookContext, now = throttleClock.now()): Promise<void> {
  const email = emailOf(ctx.body);
  const ip = ipOf(ctx);
  const signedIn = ctx.context.newSession;
  if (signedIn) {
    await db.signInThrottle.deleteMany({ where: { key: `email:${email}` } });
    await recordAudit(db, { actorId: signedIn.user.id, actorEmail: signedIn.user.email, action: "sign-in", targetType: "user", targetId: signedIn.user.id, detail: { method: "password" }, ip });
    return;
  }
  if (!failed(ctx.context.returned)) return;
  // Counts whose window and lock are over are forgotten (unknown emails would pile up otherwise).
  const stale = new Date(now - THROTTLE.windowMs);
  await db.signInThrottle.deleteMany({ where: { windowStart: { lt: stale }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date(now) } }] } });
  let worst = 0;
  for (const key of keys(ctx)) {
    const limit = key.startsWith("email:") ? THROTTLE.accountFailures : THROTTLE.addressFailures;
    const row = await db.signInThrottle.findUnique({ where: { key } });
    const fresh = !row || row.windowStart.getTime() + THROTTLE.windowMs < now;
    const failures = fresh ? 1 : row.failures + 1;
    const lockedUntil = failures >= limit ? new Date(now + THROTTLE.lockMs) : fresh ? null : row.lockedUntil;
    await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures, windowStart: new Date(now), lockedUntil },
      update: { failures, windowStart: fresh ? new Date(now) : row.windowStart, lockedUntil },
    });
    worst = Math.max(worst, failures);
  }
  await recordAudit(db, { actorEmail: email || null, action: "sign-in.failed", targetType: "user", detail: { method: "password", failures: worst }, ip });
  const delay = Math.min(THROTTLE.maxDelayMs, Math.max(0, worst - 1) * THROTTLE.delayStepMs);
  if (delay > 0) await throttleClock.sleep(delay);
}
