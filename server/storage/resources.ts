import { z } from "zod";
import type { DocumentKind } from "@/engine/model";
import {
  PostgresConfig,
  type ResourceKind,
  ResourceSettings,
  RestConfig,
  SmtpConfig,
  SqliteConfig,
  separateSecretHeaders,
  type LoadedResource,
} from "@/engine/resources";
import type { Db } from "../db/client";
import { decryptJson, encryptJson } from "../secrets/crypto";
import { parseJsonColumn, readDocument, StoredDocumentError } from "./document";

/**
 * The Resource table: `config` holds the non-secret settings (JSON, shaped by `configVersion`),
 * `secrets` the AES-256-GCM ciphertext of the secret ones (a JSON string map, bound to the
 * resource's id). engine/resources owns the per-kind schemas; this module reads and writes
 * both columns and is the only one that decrypts them.
 */

export interface ResourceDeps {
  db: Db;
  key: Buffer;
  /** Called when a resource's settings change or it is deleted: close its pooled clients. */
  invalidate(resourceId: string): void;
}

/** What the `kind` and `config` columns hold together, in the current shape. */
export const StoredResourceConfig = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rest"), config: RestConfig }),
  z.object({ kind: z.literal("postgres"), config: PostgresConfig }),
  z.object({ kind: z.literal("sqlite"), config: SqliteConfig }),
  z.object({ kind: z.literal("smtp"), config: SmtpConfig }),
]);
export type StoredResourceConfig = z.infer<typeof StoredResourceConfig>;

export const RESOURCE_CONFIG_VERSION = 1;

/** A resource's settings as a stored document kind. Version 1 is the first shape: no step yet. */
export const resourceConfigKind: DocumentKind<StoredResourceConfig> = {
  kind: "resource config",
  currentVersion: RESOURCE_CONFIG_VERSION,
  migrations: [],
  schema: StoredResourceConfig,
};

/** Secret values: every kind's secrets schema is a map of strings. */
export const SecretValues = z.record(z.string(), z.string());
export type SecretValues = z.infer<typeof SecretValues>;

type ConfigColumns = { id: string; kind: string; config: string; configVersion: number };

/** The stored kind and config, migrated and validated; one that fails is a StoredDocumentError. */
export function readResourceConfig(row: ConfigColumns): StoredResourceConfig {
  const where = `resource ${row.id}`;
  const doc = { kind: row.kind, config: parseJsonColumn(resourceConfigKind.kind, where, row.config) };
  return readDocument(resourceConfigKind, doc, row.configVersion, where);
}

/** The decrypted secrets; throws SecretDecryptError when they no longer decrypt (another key). */
export function readResourceSecrets(key: Buffer, row: { id: string; secrets: string | null }): SecretValues {
  if (!row.secrets) return {};
  const parsed = SecretValues.safeParse(decryptJson(key, row.secrets, row.id));
  if (!parsed.success) throw new StoredDocumentError("resource secrets", `resource ${row.id}`, z.prettifyError(parsed.error));
  return parsed.data;
}

/** The columns that store a validated settings document's non-secret half. */
export function configColumns(settings: ResourceSettings): { kind: ResourceKind; config: string; configVersion: number } {
  return { kind: settings.kind, config: JSON.stringify(settings.config), configVersion: RESOURCE_CONFIG_VERSION };
}

/** The secret half of a validated settings document (string-valued in every kind's schema). */
export function secretValuesOf(settings: ResourceSettings): SecretValues {
  return SecretValues.parse(settings.secrets);
}

/** The column that stores the secret values, encrypted for this resource id; null when there are none. */
export function secretsColumn(key: Buffer, resourceId: string, plain: SecretValues): { secrets: string | null } {
  return { secrets: Object.keys(plain).length ? encryptJson(key, plain, resourceId) : null };
}

type StoredRow = ConfigColumns & { secrets: string | null };

/**
 * The stored settings, secrets decrypted. Rows saved before secret headers existed may hold a
 * REST default header that looks like a credential (`X-Api-Key: …`) in the plain config:
 * `migrated` says its value was moved into the secrets (and the header marked secret), so the
 * caller can store the row again (`storeSettings`).
 */
export function readResourceSettings(key: Buffer, row: StoredRow): { settings: ResourceSettings; migrated: boolean } {
  const { kind, config } = readResourceConfig(row);
  const parsed = ResourceSettings.parse({ kind, config, secrets: readResourceSecrets(key, row) });
  const { settings, changed } = separateSecretHeaders(parsed);
  return { settings, migrated: changed };
}

/** The columns of a settings document: config, and the secrets encrypted for this resource id. */
export function settingsColumns(key: Buffer, resourceId: string, settings: ResourceSettings) {
  return { ...configColumns(settings), ...secretsColumn(key, resourceId, secretValuesOf(settings)) };
}

/** Reads a row's settings, storing them again first when plain secret headers had to be moved. */
export async function readAndMigrate(db: Db, key: Buffer, row: StoredRow): Promise<ResourceSettings> {
  return (await migrateRow(db, key, row)).settings;
}

/** One row read, and stored again when its secret headers moved; says whether it was. */
async function migrateRow(db: Db, key: Buffer, row: StoredRow): Promise<{ settings: ResourceSettings; migrated: boolean }> {
  const read = readResourceSettings(key, row);
  if (read.migrated) await db.resource.update({ where: { id: row.id }, data: settingsColumns(key, row.id, read.settings) });
  return read;
}

/** Decrypted settings for the executor: server-side only. */
export async function loadResource({ db, key }: Pick<ResourceDeps, "db" | "key">, id: string): Promise<LoadedResource | null> {
  const row = await db.resource.findUnique({ where: { id } });
  if (!row) return null;
  return { id: row.id, name: row.name, settings: await readAndMigrate(db, key, row) };
}

/**
 * At start: every REST resource stored before secret headers existed gets its credential-looking
 * header values moved into the encrypted secrets, so the database file stops holding them in
 * plain text even for resources nobody opens. A row that cannot be read is left as it is (its
 * reads fail as before). Answers how many rows were migrated.
 */
export async function migrateSecretHeaders(db: Db, key: Buffer): Promise<number> {
  const rows = await db.resource.findMany({ where: { kind: "rest" } });
  let migrated = 0;
  for (const row of rows) {
    try {
      if ((await migrateRow(db, key, row)).migrated) migrated++;
    } catch {
      // Unreadable (another key, a broken document): its own reads report it.
    }
  }
  return migrated;
}
