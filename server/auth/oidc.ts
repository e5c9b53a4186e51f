import { genericOAuth } from "better-auth/plugins";
import type { Db } from "../db/client";
import { recordAudit } from "../storage/audit";
import type { AuthConfig, OidcConfig, Role } from "./config";
import { sessionCache } from "./session-cache";
import { ipOf } from "./sign-in-throttle";

export const OIDC_PROVIDER_ID = "oidc";
const RANK: Record<Role, number> = { user: 0, editor: 1, admin: 2 };

/** Groups read from the provider's answer, between the profile mapping and the after-hook of the same callback. */
const pendingGroups = new Map<string, string[]>();

export function groupsFromClaim(value: unknown): string[] {
  if (Array.isArray(value)) return [...new Set(value.filter((g): g is string => typeof g === "string" && g.length > 0))].sort();
  if (typeof value === "string" && value) return [...new Set(value.split(/[\s,]+/).filter(Boolean))].sort();
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
          discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
          clientId: oidc.clientId,
          clientSecret: oidc.clientSecret,
          scopes: (process.env.LATHE_OIDC_SCOPES ?? `openid email profile ${oidc.groupsClaim}`).split(/\s+/).filter(Boolean),
          pkce: true,
          overrideUserInfo: true,
          mapProfileToUser: (profile) => {
            const email = typeof profile.email === "string" ? profile.email.toLowerCase() : "";
            if (email) pendingGroups.set(email, groupsFromClaim(profile[oidc.groupsClaim]));
            return { emailVerified: true };
          },
        },
      ],
    }),
  ];
}

interface CallbackContext {
  headers?: Headers;
  request?: Request;
  context: { newSession: { user: { id: string; email: string }; session: { id: string } } | null };
}

/**
 * After a sign-in through the provider: the person's groups become Lathe groups (source "oidc"),
 * and their role follows the group mapping. A role change ends their other sessions.
 */
export async function syncOidcUser(db: Db, oidc: OidcConfig, ctx: CallbackContext): Promise<void> {
  const signedIn = ctx.context.newSession;
  if (!signedIn) return;
  const email = signedIn.user.email.toLowerCase();
  const groups = pendingGroups.get(email) ?? [];
  pendingGroups.delete(email);
  const userId = signedIn.user.id;
  const role = roleForGroups(groups, oidc);
  await db.$transaction(async (tx) => {
    for (const name of groups) await tx.group.upsert({ where: { name }, create: { name, source: "oidc" }, update: {} });
    const wanted = await tx.group.findMany({ where: { name: { in: groups } }, select: { id: true } });
    // Only provider-managed memberships follow the claim; an admin's local groups stay.
    await tx.groupMember.deleteMany({ where: { userId, group: { source: "oidc" }, groupId: { notIn: wanted.map((g) => g.id) } } });
    for (const g of wanted) {
      await tx.groupMember.upsert({ where: { groupId_userId: { groupId: g.id, userId } }, create: { groupId: g.id, userId }, update: {} });
    }
  });
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (user?.role !== role) {
    await db.user.update({ where: { id: userId }, data: { role } });
    await db.session.deleteMany({ where: { userId, id: { not: signedIn.session.id } } });
    await recordAudit(db, { actorId: userId, actorEmail: email, action: "user.role", targetType: "user", targetId: userId, detail: { from: user?.role ?? null, to: role, by: "sso groups" }, ip: ipOf(ctx) });
  }
  sessionCache().dropUser(userId);
  await recordAudit(db, { actorId: userId, actorEmail: email, action: "sign-in", targetType: "user", targetId: userId, detail: { method: "oidc", groups }, ip: ipOf(ctx) });
}
