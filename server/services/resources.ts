import { CreateResourceInput, TestResourceInput, UpdateResourceInput, type ResourceView } from "@/engine/contract/resources";
import {
  ResourceSettings,
  isHeaderSecretKey,
  isSecretHeader,
  headerSecretKey,
  sameTarget,
  secretLabel,
  separateSecretHeaders,
  usedSecrets,
  type ResourceKind,
} from "@/engine/resources";
import type { Db } from "../db/client";
import { sqlitePathRefusal } from "../resources/sqlite-path";
import { readDefinition } from "../storage/functions";
import {
  configColumns,
  readAndMigrate,
  readResourceConfig,
  secretValuesOf,
  secretsColumn,
  settingsColumns,
  type ResourceDeps,
  type SecretValues,
  type StoredResourceConfig,
} from "../storage/resources";
import { ServiceError, parseInput } from "./errors";
import { defaultWorkspaceId } from "./workspaces";

// Reading and writing the stored settings (and decrypting secrets) is server/storage/resources.ts's.
export type { ResourceDeps };
export { loadResource } from "../storage/resources";

type Row = NonNullable<Awaited<ReturnType<Db["resource"]["findUnique"]>>>;

function applyPatch(current: Record<string, string>, patch: Record<string, string | null>): Record<string, string> {
  const next = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}

/** Validates the whole settings document; the first problem becomes the message. */
function settingsOf(kind: ResourceKind, config: unknown, secrets: Record<string, string>): ResourceSettings {
  const parsed = parseInput(ResourceSettings, { kind, config, secrets });
  // A SQLite file outside the SQLite folder is refused at save and test, not only at run.
  const refused = parsed.kind === "sqlite" ? sqlitePathRefusal(parsed.config.path) : null;
  if (refused) throw new ServiceError("SQLITE_PATH_REFUSED", refused, { field: "config.path" });
  return parsed;
}

/** Drops secrets that no field of the config can use any more: a removed or no longer secret header's value. */
function withoutOrphans(settings: ResourceSettings): ResourceSettings {
  if (settings.kind !== "rest") return settings;
  const live = new Set(settings.config.headers.filter(isSecretHeader).map((h) => headerSecretKey(h.key)));
  const secrets = Object.fromEntries(Object.entries(settings.secrets).filter(([k]) => !isHeaderSecretKey(k) || live.has(k)));
  return { ...settings, secrets };
}

/**
 * The settings a save or a test means: `config` over the stored secrets, as the patch says.
 * Secret default headers' values given in the config move into the secrets. Stored secrets are
 * carried only to the target they were entered for (engine/resources/target.ts): when the kind
 * or the target changes, only secrets entered in this request are used, and a stored one the new
 * settings would send must be entered again (or cleared): SECRETS_NEED_REENTRY names them.
 */
function boundSettings(stored: ResourceSettings | null, kind: ResourceKind, config: unknown, patch: Record<string, string | null>): ResourceSettings {
  const draft = separateSecretHeaders(settingsOf(kind, config, {})).settings;
  const fullPatch: Record<string, string | null> = { ...secretValuesOf(draft), ...patch };
  const entered = applyPatch({}, fullPatch);
  const carried = stored && stored.kind === kind ? applyPatch(secretValuesOf(stored), fullPatch) : entered;
  const next = settingsOf(kind, draft.config, carried);
  if (!stored || sameTarget(stored, next)) return withoutOrphans(next);
  const storedSecrets = secretValuesOf(stored);
  const missing = usedSecrets(kind, draft.config).filter((n) => storedSecrets[n] && !(n in fullPatch));
  if (missing.length) {
    const what = missing.map(secretLabel).join(", ");
    const change = stored.kind === kind ? "its target changed" : `it was ${stored.kind} and is now ${kind}`;
    throw new ServiceError("SECRETS_NEED_REENTRY", `The stored secrets are only sent where they were entered for, and ${change}: enter ${what} again, or clear ${missing.length > 1 ? "them" : "it"}`, {
      field: `secrets.${missing[0]}`,
      data: { secrets: missing },
    });
  }
  return withoutOrphans(settingsOf(kind, draft.config, entered));
}

/** The stored settings of a row, or null when they cannot be read (secrets under another key): nothing is carried then. */
async function storedSettings(db: Db, key: Buffer, row: Row): Promise<ResourceSettings | null> {
  try {
    return await readAndMigrate(db, key, row);
  } catch {
    return null;
  }
}

/** What a client may see of a config: a secret header's value never leaves the server, even from a row not yet migrated. */
function visibleConfig(stored: StoredResourceConfig): Record<string, unknown> {
  if (stored.kind !== "rest") return stored.config;
  return { ...stored.config, headers: stored.config.headers.map((h) => (isSecretHeader(h) ? { ...h, value: "", secret: true } : h)) };
}

function view(row: Row, secrets: SecretValues): ResourceView {
  const stored = readResourceConfig(row);
  return {
    id: row.id,
    name: row.name,
    kind: stored.kind,
    config: visibleConfig(stored),
    secretsSet: Object.fromEntries(Object.keys(secrets).map((k) => [k, true])),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function assertNameFree(db: Db, workspaceId: string, name: string, exceptId?: string) {
  const clash = await db.resource.findUnique({ where: { workspaceId_name: { workspaceId, name } }, select: { id: true } });
  if (clash && clash.id !== exceptId) throw new ServiceError("CONFLICT", `A resource named "${name}" already exists`, { field: "name" });
}

export async function listResources({ db, key }: ResourceDeps): Promise<ResourceView[]> {
  const workspaceId = await defaultWorkspaceId(db);
  const rows = await db.resource.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
  return Promise.all(rows.map(async (r) => view(r, await viewSecrets(db, key, r))));
}

/** The secrets of a row, for `secretsSet` (migrating plain secret headers); none when they no longer decrypt (the resource is still listed). */
async function viewSecrets(db: Db, key: Buffer, row: Row): Promise<SecretValues> {
  const settings = await storedSettings(db, key, row);
  return settings ? secretValuesOf(settings) : {};
}

async function findRow(db: Db, id: string): Promise<Row> {
  const row = await db.resource.findUnique({ where: { id } });
  if (!row) throw new ServiceError("NOT_FOUND", "Resource not found");
  return row;
}

export async function getResource({ db, key }: ResourceDeps, id: string): Promise<ResourceView> {
  const row = await findRow(db, id);
  return view(row, await viewSecrets(db, key, row));
}

export async function createResource(deps: ResourceDeps, input: unknown): Promise<ResourceView> {
  const { db, key } = deps;
  const { name, kind, config, secrets } = parseInput(CreateResourceInput, input);
  const settings = boundSettings(null, kind, config, secrets);
  const workspaceId = await defaultWorkspaceId(db);
  await assertNameFree(db, workspaceId, name);
  const row = await db.resource.create({ data: { workspaceId, name, ...configColumns(settings) } });
  const plain = secretValuesOf(settings);
  // The ciphertext is bound to the resource id, known only once the row exists.
  const updated = await db.resource.update({ where: { id: row.id }, data: secretsColumn(key, row.id, plain) });
  return view(updated, plain);
}

export async function updateResource(deps: ResourceDeps, id: string, input: unknown): Promise<ResourceView> {
  const { db, key } = deps;
  const patch = parseInput(UpdateResourceInput, input);
  const row = await findRow(db, id);
  const stored = readResourceConfig(row);
  if (patch.name !== undefined) await assertNameFree(db, row.workspaceId, patch.name, id);
  const settings = boundSettings(await storedSettings(db, key, row), stored.kind, patch.config ?? stored.config, patch.secrets);
  const plain = secretValuesOf(settings);
  const updated = await db.resource.update({ where: { id }, data: { name: patch.name ?? row.name, ...settingsColumns(key, id, settings) } });
  deps.invalidate(id);
  return view(updated, plain);
}

/** Functions whose saved definition queries this resource: "app / function" names. */
export async function resourceUsers(db: Db, id: string): Promise<string[]> {
  const fns = await db.function.findMany({
    where: { definition: { contains: id } },
    select: { name: true, definition: true, app: { select: { name: true } } },
  });
  return fns
    .filter((f) => {
      const loaded = readDefinition(f.definition);
      // A definition that no longer loads still names the resource (the query matched its text): count it.
      if (!loaded.ok) return true;
      return loaded.definition.graph.blocks.some((b) => b.type === "query" && b.config.resourceId === id);
    })
    .map((f) => `${f.app.name} / ${f.name}`);
}

/** Answers what was deleted (its name and kind), for the audit log. */
export async function deleteResource(deps: ResourceDeps, id: string): Promise<{ name: string; kind: string }> {
  const row = await findRow(deps.db, id);
  const users = await resourceUsers(deps.db, id);
  if (users.length) {
    throw new ServiceError("CONFLICT", `"${row.name}" is used by ${users.join(", ")}; change those functions first`, {
      data: { usedBy: users },
    });
  }
  await deps.db.resource.delete({ where: { id } });
  deps.invalidate(id);
  return { name: row.name, kind: row.kind };
}

/**
 * The settings a "Test connection" press means: the form's values over the stored secrets, which
 * are only carried to the target they were entered for (see `boundSettings`).
 */
export async function settingsForTest({ db, key }: ResourceDeps, input: unknown): Promise<ResourceSettings> {
  const t = parseInput(TestResourceInput, input);
  const stored = t.id ? await storedSettings(db, key, await findRow(db, t.id)) : null;
  return boundSettings(stored, t.kind, t.config, t.secrets);
}
