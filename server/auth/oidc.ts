import { APIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import type { AuthConfig, OidcConfig, Role } from "./config";
import { sessionCache } from "./session-cache";
import { ipOf } from "./sign-in-throttle";

export const OIDC_PROVIDER_ID = "oidc";
/** better-auth's endpoint the provider sends the browser back to: `<LATHE_PUBLIC_URL>/api/auth/callback/oidc`. */
export const OIDC_CALLBACK_PATH = "/callback/:id";
/** better-auth's endpoint that starts a sign-in through a provider (answers `{ url }` to go to). */
export const OIDC_SIGN_IN_PATH = "/sign-in/social";
const RANK: Record<Role, number> = { user: 0, editor: 1, admin: 2 };

/** The redirect URI to register at the provider for this installation. */
export function oidcRedirectUri(config: Pick<AuthConfig, "baseURL">): string {
  return `${config.baseURL}/api/auth/callback/${OIDC_PROVIDER_ID}`;
}

/**
 * Groups read from the provider's answer, between the profile mapping (inside better-auth's
 * callback) and the after-hook of the same callback, keyed by the email the provider sent.
 * An entry not picked up (a sign-in that failed after the mapping) is dropped after a minute.
 */
const PENDING_MS = 60_000;
const pendingGroups = new Map<string, { groups: string[]; at: number }>();

/** Keeps the groups of a provider answer for the after-hook of the same sign-in. */
export function rememberGroups(email: string, groups: string[], now = Date.now()): void {
  for (const [k, v] of pendingGroups) if (v.at + PENDING_MS < now) pendingGroups.delete(k);
  pendingGroups.set(email.toLowerCase(), { groups, at: now });
}

function takeGroups(email: string, now = Date.now()): string[] {
  const key = email.toLowerCase();
  const entry = pendingGroups.get(key);
  pendingGroups.delete(key);
  return entry && entry.at + PENDING_MS >= now ? entry.groups : [];
}

/** The groups claim as a sorted list of names: an array of strings, or one string separated by spaces or commas. */
export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return [...new Set(value.filter((g): g is string => typeof g === "string" && g.trim().length > 0).map((g) => g.trim()))].sort();
  if (typeof value === "string") return [...new Set(value.split(/[\s,]+/).filter(Boolean))].sort();
  return [];
}

/** The highest role any of the groups maps to, else the default. */
export function roleForGroups(groups: readonly string[], config: Pick<OidcConfig, "roleMap" | "defaultRole">): Role {
  let role: Role = config.defaultRole;
  for (const g of groups) {
    const mapped = config.roleMap.get(g);
    if (mapped && RANK[mapped] > RANK[role]) role = mapped;
  }
  return role;
}

/** better-auth's generic OAuth plugin, configured for the one OpenID Connect issuer of LATHE_OIDC_*. */
export function oidcPlugins(config: AuthConfig) {
  const oidc = config.oidc;
  if (!oidc) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: OIDC_PROVIDER_ID,
          // Fetched when the server starts; when the provider is not up yet, again at the first sign-in.
          discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
          clientId: oidc.clientId,
          clientSecret: oidc.clientSecret,
          scopes: oidc.scopes,
          pkce: true,
          // The ID token is checked against the provider's published keys (issuer, audience, nonce).
          requireIdTokenVerification: true,
          // Name and picture follow the provider at every sign-in.
          overrideUserInfo: true,
          mapProfileToUser: (profile) => {
            const email = typeof profile.email === "string" ? profile.email : "";
            if (email) rememberGroups(email, groupsFromClaim(profile[oidc.groupsClaim]));
            // The provider vouches for the address (it is the trusted provider of account linking).
            return { emailVerified: true };
          },
        },
      ],
    }),
  ];
}

/**
 * Before better-auth starts a sign-in through a provider: only the configured one, and only the
 * redirect flow (whose callback syncs groups and role); an ID token posted by the browser is refused.
 */
export function checkOidcSignInStart(body: unknown): void {
  const fields = typeof body === "object" && body !== null ? body : {};
  const provider = "provider" in fields ? fields.provider : undefined;
  if (provider !== OIDC_PROVIDER_ID || "idToken" in fields) {
    throw new APIError("BAD_REQUEST", { code: "BAD_REQUEST", message: "Single sign-on starts with { provider: \"oidc\", callbackURL }" });
  }
}

/**
 * A person better-auth creates on their first sign-in through the provider starts with
 * LATHE_OIDC_DEFAULT_ROLE (without a role map, the role is then managed in Lathe).
 */
export function oidcNewUserRole(oidc: OidcConfig | null, path: string | undefined): Role | null {
  return oidc && path === OIDC_CALLBACK_PATH ? oidc.defaultRole : null;
}

interface CallbackContext {
  headers?: Headers;
  request?: Request;
  context: { newSession: { user: { id: string; email: string }; session: { id: string } } | null };
}

/**
 * After a sign-in through the provider: the person's groups become Lathe groups (source "oidc"),
 * and, when LATHE_OIDC_ROLE_MAP is set, their role follows the mapping (the only admin is never
 * demoted this way: the installation would have no admin left). A role change ends their other sessions.
 */
export async function syncOidcUser(db: Db, oidc: OidcConfig, ctx: CallbackContext): Promise<void> {
  const signedIn = ctx.context.newSession;
  if (!signedIn) return;
  const email = signedIn.user.email.toLowerCase();
  const groups = takeGroups(email);
  const userId = signedIn.user.id;
  const ip = ipOf(ctx);
  await db.$transaction(async (tx) => {
    for (const name of groups) await tx.group.upsert({ where: { name }, create: { name, source: "oidc" }, update: {} });
    // A local group of the same name stays local: only provider groups follow the claim.
    const wanted = await tx.group.findMany({ where: { name: { in: groups }, source: "oidc" }, select: { id: true } });
    await tx.groupMember.deleteMany({ where: { userId, group: { source: "oidc" }, groupId: { notIn: wanted.map((g) => g.id) } } });
    for (const g of wanted) {
      await tx.groupMember.upsert({ where: { groupId_userId: { groupId: g.id, userId } }, create: { groupId: g.id, userId }, update: {} });
    }
  });
  if (oidc.roleMap.size > 0) {
    const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
    let role = roleForGroups(groups, oidc);
    if (user?.role === "admin" && role !== "admin" && (await db.user.count({ where: { role: "admin" } })) <= 1) {
      await recordAudit(db, { actorId: userId, actorEmail: email, action: "user.role.kept", targetType: "user", targetId: userId, detail: { role: "admin", mapped: role, why: "the only admin" }, ip });
      role = "admin";
    }
    if (user && user.role !== role) {
      await db.user.update({ where: { id: userId }, data: { role } });
      await db.session.deleteMany({ where: { userId, id: { not: signedIn.session.id } } });
      await recordAudit(db, { actorId: userId, actorEmail: email, action: "user.role", targetType: "user", targetId: userId, detail: { from: user.role, to: role, by: "sso groups" }, ip });
    }
  }
  sessionCache().dropUser(userId); // also bumps the access version: group memberships may have changed
  await recordAudit(db, { actorId: userId, actorEmail: email, action: "sign-in", targetType: "user", targetId: userId, detail: { method: "oidc", groups }, ip });
}
