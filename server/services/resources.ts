import { CreateResourceInput, TestResourceInput, UpdateResourceInput, type ResourceView } from "@/engine/contract/resources";
import { ResourceSettings, type ResourceKind } from "@/engine/resources";
import type { Db } from "../db/client";
import { sqlitePathRefusal } from "../resources/sqlite-path";
import { readDefinition } from "../storage/functions";
import {
  configColumns,
  readResourceConfig,
  readResourceSecrets,
  secretValuesOf,
  secretsColumn,
  type ResourceDeps,
  type SecretValues,
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

function view(row: Row, secrets: SecretValues): ResourceView {
  const { kind, config } = readResourceConfig(row);
  return {
    id: row.id,
    name: row.name,
    kind,
    config,
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
  return rows.map((r) => view(r, safeSecrets(key, r)));
}

/** A resource whose secrets no longer decrypt is still listed (with no secrets set). */
function safeSecrets(key: Buffer, row: Row): SecretValues {
  try {
    return readResourceSecrets(key, row);
  } catch {
    return {};
  }
}

async function findRow(db: Db, id: string): Promise<Row> {
  const row = await db.resource.findUnique({ where: { id } });
  if (!row) throw new ServiceError("NOT_FOUND", "Resource not found");
  return row;
}

export async function getResource({ db, key }: ResourceDeps, id: string): Promise<ResourceView> {
  const row = await findRow(db, id);
  return view(row, safeSecrets(key, row));
}

export async function createResource(deps: ResourceDeps, input: unknown): Promise<ResourceView> {
  const { db, key } = deps;
  const { name, kind, config, secrets } = parseInput(CreateResourceInput, input);
  const settings = settingsOf(kind, config, applyPatch({}, secrets));
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
  const secrets = applyPatch(safeSecrets(key, row), patch.secrets);
  const settings = settingsOf(stored.kind, patch.config ?? stored.config, secrets);
  const plain = secretValuesOf(settings);
  const updated = await db.resource.update({
    where: { id },
    data: { name: patch.name ?? row.name, ...configColumns(settings), ...secretsColumn(key, id, plain) },
  });
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

/** The settings a "Test connection" press means: the form's values over the stored secrets. */
export async function settingsForTest({ db, key }: ResourceDeps, input: unknown): Promise<ResourceSettings> {
  const t = parseInput(TestResourceInput, input);
  const stored = t.id ? safeSecrets(key, await findRow(db, t.id)) : {};
  return settingsOf(t.kind, t.config, applyPatch(stored, t.secrets));
}
