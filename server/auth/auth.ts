import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { createAuthMiddleware } from "better-auth/api";
import { admin } from "better-auth/plugins";
import { adminAc, userAc } from "better-auth/plugins/admin/access";
import { getDb, type Db } from "../db/client";
import { shareAuthAsyncStorage } from "./auth-async-storage";
import { authConfig, authSecret, type AuthConfig } from "./config";
import { checkOidcSignInStart, OIDC_CALLBACK_PATH, OIDC_PROVIDER_ID, OIDC_SIGN_IN_PATH, oidcNewUserRole, oidcPlugins, syncOidcUser } from "./oidc";
import { sessionCache } from "./session-cache";
import { afterSignIn, beforeSignIn } from "./sign-in-throttle";

/** The better-auth options Lathe runs with; one function so tests build the same thing on their own database. */
export function authOptions(db: Db, config: AuthConfig, secret: string) {
  return {
    appName: "Lathe",
    baseURL: config.baseURL,
    basePath: "/api/auth",
    secret,
    database: prismaAdapter(db, { provider: "sqlite" }),
    trustedOrigins: config.trustedOrigins,
    emailAndPassword: {
      enabled: config.passwordSignIn,
      disableSignUp: true, // people come in by setup, invitation or SSO, never by signing themselves up
      minPasswordLength: 12,
      maxPasswordLength: 256,
    },
    session: {
      expiresIn: config.idleSeconds, // idle expiry: every use within updateAge slides it
      updateAge: Math.min(Math.floor(config.idleSeconds / 10), 3600),
    },
    user: { changeEmail: { enabled: false }, deleteUser: { enabled: false } },
    account: {
      accountLinking: {
        enabled: true,
        // A person invited or created here signs in through the provider with the same email:
        // the provider vouches for the address. No one can sign themselves up with an email that
        // is not theirs (sign-up is off), so the local address needs no separate verification.
        trustedProviders: [OIDC_PROVIDER_ID],
        requireLocalEmailVerified: false,
      },
    },
    advanced: {
      cookiePrefix: "lathe",
      useSecureCookies: config.secure,
      // Vitest sets NODE_ENV=test, which turns better-auth's origin check off unless said explicitly.
      disableOriginCheck: false,
      // server/main.ts sets this header from the socket; a client's X-Forwarded-For is never trusted.
      ipAddress: { ipAddressHeaders: ["x-lathe-client-ip"] },
    },
    rateLimit: {
      enabled: true, // by default only in production
      storage: "memory" as const,
      window: 60,
      max: 300,
      // better-auth's own rule for /sign-in* is 3 per 10 s per address: too few for an office behind one address.
      // Password guessing is held back per account and per address by sign-in-throttle.ts.
      customRules: { "/sign-in/email": { window: 60, max: 30 }, "/sign-in/social": { window: 60, max: 60 } },
    },
    telemetry: { enabled: false },
    // Lathe's three roles. better-auth's own permission checks only guard its admin endpoints, which
    // are not exposed over HTTP (app/api/auth); what each role may do is server/http/access.ts.
    plugins: [admin({ defaultRole: "user", adminRoles: ["admin"], roles: { admin: adminAc, editor: userAc, user: userAc } }), ...oidcPlugins(config)],
    databaseHooks: {
      session: {
        delete: { after: async (session: { token: string }) => sessionCache().dropToken(session.token) },
      },
      user: {
        create: {
          before: async (user: Record<string, unknown>, ctx: { path?: string } | null) => {
            const role = oidcNewUserRole(config.oidc, ctx?.path);
            return role ? { data: { ...user, role } } : undefined;
          },
        },
        update: { after: async (user: { id: string }) => sessionCache().dropUser(user.id) },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") await beforeSignIn(db, ctx);
        else if (ctx.path === OIDC_SIGN_IN_PATH) checkOidcSignInStart(ctx.body);
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") await afterSignIn(db, ctx);
        else if (ctx.path === OIDC_CALLBACK_PATH && ctx.params?.id === OIDC_PROVIDER_ID && config.oidc) await syncOidcUser(db, config.oidc, ctx);
      }),
    },
  };
}

function createAuth(db: Db, config: AuthConfig, secret: string) {
  shareAuthAsyncStorage(); // before better-auth makes its own storages
  return betterAuth(authOptions(db, config, secret));
}

export type Auth = ReturnType<typeof createAuth>;

// One instance per process, shared by server/main.ts (loaded by tsx) and the Next bundle.
const holder = globalThis as typeof globalThis & { __latheAuth?: Auth };

export function getAuth(): Auth {
  holder.__latheAuth ??= createAuth(getDb(), authConfig(), authSecret());
  return holder.__latheAuth;
}

/** For tests: an instance on a given database and configuration. */
export function authFor(db: Db, config: AuthConfig = authConfig({}), secret = "test-secret-".padEnd(48, "x")): Auth {
  return createAuth(db, config, secret);
}
