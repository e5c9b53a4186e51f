import { CreateFunctionInput, RenameFunctionInput, SaveFunctionInput, type FunctionSummary } from "@/engine/contract/functions";
import { RestoreVersionInput } from "@/engine/contract/versions";
import { defaultDefinition, loadDefinition, type FunctionDefinition } from "@/engine/model";
import type { Db } from "../db/client";
import { definitionColumns, readDefinition } from "../storage/functions";
import { touchApp } from "./apps";
import { ServiceError, parseInput } from "./errors";
import { getPageOfApp, pageReferences, pageWithComponent } from "./pages";

export const GLOBAL_SCOPE = "global";

type FunctionRow = Awaited<ReturnType<Db["function"]["findUniqueOrThrow"]>>;

function summary(f: FunctionRow): FunctionSummary {
  return {
    id: f.id,
    name: f.name,
    pageId: f.pageId,
    runBehavior: f.runBehavior,
    currentVersion: f.currentVersion,
    updatedAt: f.updatedAt.toISOString(),
  };
}

/**
 * Names are unique in their scope, and a global function's name is unique in the whole app:
 * a page sees global functions and its own by name (`getCustomers.data`).
 */
async function assertNameFree(db: Db, appId: string, scopeKey: string, name: string, exceptId?: string) {
  const scopes = scopeKey === GLOBAL_SCOPE ? undefined : { in: [scopeKey, GLOBAL_SCOPE] };
  const clash = await db.function.findFirst({
    where: { appId, name, ...(scopes ? { scopeKey: scopes } : {}), NOT: exceptId ? { id: exceptId } : undefined },
    select: { scopeKey: true },
  });
  if (clash) {
    const where = clash.scopeKey === GLOBAL_SCOPE ? "as a global function" : "on a page of this app";
    throw new ServiceError("CONFLICT", `A function named "${name}" already exists ${where}`, { field: "name" });
  }
  // Pages read functions and components by name from one state object: names must not clash.
  const page = await pageWithComponent(db, appId, name);
  if (page) throw new ServiceError("CONFLICT", `"${name}" is the name of a component on page "${page}"`, { field: "name" });
}

export async function listFunctions(db: Db, appId: string): Promise<FunctionSummary[]> {
  const rows = await db.function.findMany({ where: { appId }, orderBy: { name: "asc" } });
  return rows.map(summary);
}

export async function getFunction(db: Db, functionId: string) {
  const f = await db.function.findUnique({ where: { id: functionId } });
  if (!f) throw new ServiceError("NOT_FOUND", "Function not found");
  const loaded = readDefinition(f.definition);
  if (!loaded.ok) throw new ServiceError("VALIDATION", `Stored definition is invalid: ${loaded.message}`);
  return { ...summary(f), appId: f.appId, definition: loaded.definition };
}

export async function createFunction(db: Db, appId: string, input: unknown) {
  const { name, pageId } = parseInput(CreateFunctionInput, input);
  if (pageId) await getPageOfApp(db, appId, pageId);
  const scopeKey = pageId ?? GLOBAL_SCOPE;
  await assertNameFree(db, appId, scopeKey, name);
  const stored = definitionColumns(defaultDefinition());
  const created = await db.function.create({
    data: {
      appId,
      pageId: pageId ?? null,
      scopeKey,
      name,
      ...stored,
      currentVersion: 1,
      versions: {
        create: { version: 1, name, ...stored, reason: "create" },
      },
    },
  });
  await touchApp(db, appId);
  return summary(created);
}

/**
 * Writes a new version. The update only matches while `currentVersion` is still the one the
 * editor started from, so two tabs cannot silently overwrite each other.
 */
async function writeVersion(
  db: Db,
  functionId: string,
  baseVersion: number,
  change: { name?: string; definition?: FunctionDefinition; reason: string },
) {
  return db.$transaction(async (tx) => {
    const current = await tx.function.findUnique({ where: { id: functionId } });
    if (!current) throw new ServiceError("NOT_FOUND", "Function not found");
    const name = change.name ?? current.name;
    // A rename keeps the stored definition as it is, with the version it was stored under.
    const stored = change.definition ? definitionColumns(change.definition) : { definition: current.definition, schemaVersion: current.schemaVersion };
    const version = baseVersion + 1;
    const updated = await tx.function.updateMany({
      where: { id: functionId, currentVersion: baseVersion },
      data: {
        name,
        ...stored,
        runBehavior: change.definition?.runBehavior ?? current.runBehavior,
        currentVersion: version,
      },
    });
    if (updated.count === 0) {
      throw new ServiceError(
        "STALE_VERSION",
        `This function was saved elsewhere (version ${current.currentVersion}); reload to get the latest before saving`,
        { data: { currentVersion: current.currentVersion } },
      );
    }
    await tx.functionVersion.create({
      data: { functionId, version, name, ...stored, reason: change.reason },
    });
    await tx.app.update({ where: { id: current.appId }, data: { updatedAt: new Date() } });
    return summary(await tx.function.findUniqueOrThrow({ where: { id: functionId } }));
  });
}

export async function saveFunction(db: Db, functionId: string, input: unknown) {
  const { definition, baseVersion } = parseInput(SaveFunctionInput, input);
  const loaded = loadDefinition(definition);
  if (!loaded.ok) {
    throw new ServiceError("VALIDATION", `Invalid definition: ${loaded.message}`, {
      field: "definition",
      data: { issues: loaded.issues },
    });
  }
  return writeVersion(db, functionId, baseVersion, { definition: loaded.definition, reason: "save" });
}

export async function renameFunction(db: Db, functionId: string, input: unknown) {
  const { name } = parseInput(RenameFunctionInput, input);
  const f = await db.function.findUnique({ where: { id: functionId } });
  if (!f) throw new ServiceError("NOT_FOUND", "Function not found");
  if (f.name === name) return summary(f);
  await assertNameFree(db, f.appId, f.scopeKey, name, f.id);
  // Call blocks name functions by id and survive a rename; pages name them, so the rename is
  // refused while a page still does, with the places to change.
  const places = await pageReferences(db, f.appId, f.name);
  if (places.length) {
    throw new ServiceError("CONFLICT", `Pages still use "${f.name}": ${places.join(", ")}. Change them first.`, { data: { usedBy: places } });
  }
  return writeVersion(db, functionId, f.currentVersion, { name, reason: "rename" });
}

/** Answers what was deleted (its name and app), for the audit log. */
export async function deleteFunction(db: Db, functionId: string): Promise<{ name: string; appId: string }> {
  const f = await db.function.findUnique({ where: { id: functionId }, select: { name: true, appId: true } });
  if (!f) throw new ServiceError("NOT_FOUND", "Function not found");
  await db.function.delete({ where: { id: functionId } });
  await touchApp(db, f.appId);
  return f;
}

export async function listVersions(db: Db, functionId: string) {
  return db.functionVersion.findMany({
    where: { functionId },
    orderBy: { version: "desc" },
    select: { version: true, name: true, reason: true, createdAt: true },
  });
}

export async function getVersion(db: Db, functionId: string, version: number) {
  const v = await db.functionVersion.findUnique({ where: { functionId_version: { functionId, version } } });
  if (!v) throw new ServiceError("NOT_FOUND", `Version ${version} not found`);
  const loaded = readDefinition(v.definition);
  if (!loaded.ok) throw new ServiceError("VALIDATION", `Stored version is invalid: ${loaded.message}`);
  return { version: v.version, name: v.name, reason: v.reason, createdAt: v.createdAt.toISOString(), definition: loaded.definition };
}

/** Restoring writes the old definition as a new version: history only grows. */
export async function restoreVersion(db: Db, functionId: string, version: number, input: unknown) {
  const { baseVersion } = parseInput(RestoreVersionInput, input);
  const old = await getVersion(db, functionId, version);
  return writeVersion(db, functionId, baseVersion, { definition: old.definition, reason: `restore v${version}` });
}

/** A copy in the same scope, named `<name>Copy`, `<name>Copy2`, … */
export async function duplicateFunction(db: Db, functionId: string) {
  const f = await db.function.findUnique({ where: { id: functionId } });
  if (!f) throw new ServiceError("NOT_FOUND", "Function not found");
  const taken = new Set((await db.function.findMany({ where: { appId: f.appId }, select: { name: true } })).map((x) => x.name));
  let name = `${f.name}Copy`.slice(0, 64);
  for (let i = 2; taken.has(name); i++) name = `${f.name}Copy${i}`.slice(0, 64);
  const created = await createFunction(db, f.appId, { name, pageId: f.pageId });
  const def = (await getFunction(db, functionId)).definition;
  return writeVersion(db, created.id, 1, { definition: def, reason: `copy of ${f.name}` });
}
