import { z } from "zod";
import { isHeaderSecretKey } from "./secret-headers";

/**
 * Resource kinds. Each kind's settings are split in two: `config` (shown and sent to the
 * editor) and `secrets` (encrypted at rest, never sent back to any client, never in a
 * sandbox, a trace, a log or a stored run). One schema per kind, shared by the form, the API
 * and the executor.
 */

/** Headers the HTTP client sets itself: neither a resource nor a query may set them. */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer"]);

const HeaderEntry = z.object({
  key: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "Not a valid header name")
    .refine((k) => !RESERVED_HEADERS.has(k.toLowerCase()), "This header is set by the HTTP client itself"),
  value: z.string().max(8192),
  /**
   * A secret header's value lives in the secrets (`header:<name>`), not here: written once,
   * never shown again. Absent: secret when the name looks like a credential (secret-headers.ts).
   */
  secret: z.boolean().optional(),
});

export const RestAuth = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("bearer") }),
  z.object({ type: z.literal("basic"), username: z.string().max(256) }),
  z.object({ type: z.literal("apiKey"), in: z.enum(["header", "query"]), name: z.string().trim().min(1).max(256) }),
]);

export const RestConfig = z.object({
  baseUrl: z
    .url({ protocol: /^https?$/, error: "Use an http:// or https:// URL" })
    .max(2048),
  headers: z.array(HeaderEntry).max(100).default([]),
  auth: RestAuth.default({ type: "none" }),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  maxResponseBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
});
/** bearer → token; basic → password; apiKey → apiKey; a secret default header → `header:<name>`. */
export const RestSecrets = z
  .object({
    token: z.string().max(8192).optional(),
    password: z.string().max(1024).optional(),
    apiKey: z.string().max(8192).optional(),
  })
  .catchall(z.string().max(8192))
  .superRefine((secrets, ctx) => {
    for (const k of Object.keys(secrets)) {
      if (k === "token" || k === "password" || k === "apiKey" || isHeaderSecretKey(k)) continue;
      ctx.addIssue({ code: "custom", path: [k], message: `"${k}" is not a secret of a REST resource` });
    }
  });

export const PostgresConfig = z.object({
  host: z.string().trim().max(255).default(""),
  port: z.number().int().min(1).max(65_535).default(5432),
  database: z.string().trim().max(255).default(""),
  user: z.string().trim().max(255).default(""),
  sslMode: z.enum(["disable", "prefer", "require", "verify-full"]).default("prefer"),
  /** When set, the connection string (a secret: it may hold the password) wins over the fields. */
  useConnectionString: z.boolean().default(false),
  statementTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  maxConnections: z.number().int().min(1).max(100).default(10),
});
export const PostgresSecrets = z.object({
  password: z.string().max(1024).optional(),
  connectionString: z.string().max(4096).optional(),
});

export const SqliteConfig = z.object({
  /** A database file on the server. */
  path: z.string().trim().min(1, "Give the path of the database file").max(4096),
  readOnly: z.boolean().default(false),
  statementTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
});
export const SqliteSecrets = z.object({});

export const SmtpConfig = z.object({
  host: z.string().trim().min(1, "Give the SMTP host").max(255),
  port: z.number().int().min(1).max(65_535).default(587),
  /** tls: implicit TLS (465); starttls: upgrade required; none: plain (local relays only). */
  security: z.enum(["none", "starttls", "tls"]).default("starttls"),
  user: z.string().max(255).default(""),
  from: z.string().trim().min(3, "Give a default sender").max(320),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
});
export const SmtpSecrets = z.object({ password: z.string().max(1024).optional() });

export const ResourceKind = z.enum(["rest", "postgres", "sqlite", "smtp"]);
export type ResourceKind = z.infer<typeof ResourceKind>;

export const ResourceSettings = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rest"), config: RestConfig, secrets: RestSecrets }),
  z.object({ kind: z.literal("postgres"), config: PostgresConfig, secrets: PostgresSecrets }),
  z.object({ kind: z.literal("sqlite"), config: SqliteConfig, secrets: SqliteSecrets }),
  z.object({ kind: z.literal("smtp"), config: SmtpConfig, secrets: SmtpSecrets }),
]);
export type ResourceSettings = z.infer<typeof ResourceSettings>;
export type ResourceSettingsOf<K extends ResourceKind> = Extract<ResourceSettings, { kind: K }>;

/** Which query block kind each resource kind answers. */
export const QUERY_KIND_OF: Record<ResourceKind, "rest" | "sql" | "smtp"> = {
  rest: "rest",
  postgres: "sql",
  sqlite: "sql",
  smtp: "smtp",
};

/** A resource as the executor receives it: settings decrypted, on the server only. */
export interface LoadedResource {
  id: string;
  name: string;
  settings: ResourceSettings;
}
