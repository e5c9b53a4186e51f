import type { Server } from "node:http";
import { Provider } from "oidc-provider";
import { freePort } from "../../server/test-support/free-port";

/** A person the test provider knows; `login` is what is typed on its sign-in page (any password). */
export interface TestAccount {
  email: string;
  name: string;
  groups: string[];
}

export const OIDC_ACCOUNTS: Record<string, TestAccount> = {
  alice: { email: "alice@example.test", name: "Alice Archer", groups: ["lathe-editors"] },
  bob: { email: "bob@example.test", name: "Bob Baker", groups: [] },
};

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop: () => Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for single sign-on tests: one
 * confidential client whose redirect URIs are given, the accounts above, its development login
 * page (login = the account name, any password) and no consent page (a grant is made on the spot).
 */
export async function startOidcProvider(redirectUris: string[], accounts: Record<string, TestAccount> = OIDC_ACCOUNTS): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "lathe-e2e";
  const clientSecret = "lathe-e2e-client-secret";
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    scopes: ["openid", "email", "profile", "groups", "offline_access"],
    cookies: { keys: ["lathe-e2e-only-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const a = accounts[sub];
      if (!a) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email: a.email, email_verified: true, name: a.name, groups: a.groups }) };
    },
    // Skips the consent page: every client of this provider is the test's own.
    async loadExistingGrant(ctx) {
      const id = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (id) return ctx.oidc.provider.Grant.find(id);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  });
  const server: Server = provider.listen(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { issuer, clientId, clientSecret, stop };
}
