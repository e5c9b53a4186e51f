// The part of oidc-provider (which ships no types) that e2e/support/oidc-provider.ts uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }
  interface GrantConstructor {
    new (init: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }
  interface InteractionContext {
    oidc: {
      provider: { Grant: GrantConstructor };
      client: { clientId: string };
      session: { accountId: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
    };
  }
  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }
  export interface Configuration {
    clients: { client_id: string; client_secret: string; redirect_uris: string[] }[];
    claims: Record<string, string[]>;
    scopes: string[];
    cookies: { keys: string[] };
    features?: Record<string, { enabled: boolean }>;
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
    loadExistingGrant(ctx: InteractionContext): Promise<Grant | undefined>;
  }
  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    listen(port: number, host: string): Server;
  }
}
