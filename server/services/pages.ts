import { CreatePageInput, SaveTreeInput, UpdatePageInput, type PageSummary } from "@/engine/contract/pages";
import { PageTree, pageTreeProblems } from "@/engine/pages";
import type { Db } from "../db/client";
import { emptyPageTreeColumns, pageTreeColumns, readPageTree } from "../storage/pages";
import { touchApp } from "./apps";
import { ServiceError, parseInput } from "./errors";

export async function listPages(db: Db, appId: string): Promise<PageSummary[]> {
  return db.page.findMany({
    where: { appId },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, position: true },
  });
}

export async function getPageOfApp(db: Db, appId: string, pageId: string) {
  const page = await db.page.findFirst({ where: { id: pageId, appId } });
  if (!page) throw new ServiceError("NOT_FOUND", "Page not found in this app", { field: "pageId" });
  return page;
}

async function findPage(db: Db, pageId: string) {
  const page = await db.page.findUnique({ where: { id: pageId } });
  if (!page) throw new ServiceError("NOT_FOUND", "Page not found");
  return page;
}

export async function getPage(db: Db, pageId: string) {
  const page = await findPage(db, pageId);
  return { id: page.id, appId: page.appId, name: page.name, position: page.position, revision: page.revision, tree: readPageTree(page) };
}

async function assertNameFree(db: Db, appId: string, name: string, exceptId?: string) {
  const clash = await db.page.findFirst({ where: { appId, name }, select: { id: true } });
  if (clash && clash.id !== exceptId) throw new ServiceError("CONFLICT", `A page named "${name}" already exists`, { field: "name" });
}

export async function createPage(db: Db, appId: string, input: unknown): Promise<PageSummary> {
  const { name } = parseInput(CreatePageInput, input);
  await assertNameFree(db, appId, name);
  const last = await db.page.findFirst({ where: { appId }, orderBy: { position: "desc" }, select: { position: true } });
  const page = await db.page.create({
    data: { appId, name, position: (last?.position ?? -1) + 1, ...emptyPageTreeColumns() },
    select: { id: true, name: true, position: true },
  });
  await touchApp(db, appId);
  return page;
}

/** Rename (`{ name }`) and/or move (`{ position }`: the page's index in the app's order). */
export async function updatePage(db: Db, pageId: string, input: unknown): Promise<PageSummary> {
  const { name, position } = parseInput(UpdatePageInput, input);
  const page = await findPage(db, pageId);
  if (name !== undefined && name !== page.name) {
    await assertNameFree(db, page.appId, name, pageId);
    await db.page.update({ where: { id: pageId }, data: { name } });
  }
  if (position !== undefined) {
    const order = (await listPages(db, page.appId)).filter((p) => p.id !== pageId);
    order.splice(Math.min(position, order.length), 0, { id: pageId, name: page.name, position });
    await db.$transaction(order.map((p, i) => db.page.update({ where: { id: p.id }, data: { position: i } })));
  }
  await touchApp(db, page.appId);
  const updated = await findPage(db, pageId);
  return { id: updated.id, name: updated.name, position: updated.position };
}

/** Answers what was deleted (its name and app), for the audit log. */
export async function deletePage(db: Db, pageId: string): Promise<{ name: string; appId: string }> {
  const page = await findPage(db, pageId);
  if ((await db.page.count({ where: { appId: page.appId } })) <= 1) {
    throw new ServiceError("CONFLICT", "An app keeps at least one page");
  }
  await db.page.delete({ where: { id: pageId } });
  await touchApp(db, page.appId);
  return { name: page.name, appId: page.appId };
}

/** Component names in other pages and function names: a component name must differ from all. */
async function takenNames(db: Db, appId: string, pageId: string): Promise<Map<string, string>> {
  const taken = new Map<string, string>();
  for (const f of await db.function.findMany({ where: { appId }, select: { name: true } })) taken.set(f.name, "a function");
  for (const p of await db.page.findMany({ where: { appId, NOT: { id: pageId } }, select: { name: true, tree: true, treeVersion: true } })) {
    for (const c of readPageTree(p).components) taken.set(c.name, `a component on page "${p.name}"`);
  }
  return taken;
}

/** Saves the tree as the next revision; a save from an older revision is refused. */
export async function savePageTree(db: Db, pageId: string, input: unknown) {
  const { tree: raw, baseRevision } = parseInput(SaveTreeInput, input);
  const tree = parseInput(PageTree, raw);
  const problems = pageTreeProblems(tree);
  if (problems.length) throw new ServiceError("VALIDATION", problems[0], { data: { problems } });
  const page = await findPage(db, pageId);
  const taken = await takenNames(db, page.appId, pageId);
  for (const c of tree.components) {
    const clash = taken.get(c.name);
    if (clash) throw new ServiceError("CONFLICT", `"${c.name}" is already the name of ${clash}`, { field: "name" });
  }
  const updated = await db.page.updateMany({
    where: { id: pageId, revision: baseRevision },
    data: { ...pageTreeColumns(tree), revision: baseRevision + 1 },
  });
  if (updated.count === 0) {
    throw new ServiceError("STALE_VERSION", "This page was saved elsewhere; reload to get the latest before saving", {
      data: { revision: page.revision },
    });
  }
  await touchApp(db, page.appId);
  return { revision: baseRevision + 1, tree };
}

/** Where pages of the app mention `name` (a function's or a component's): "page / component". */
export async function pageReferences(db: Db, appId: string, name: string): Promise<string[]> {
  const word = new RegExp(`(^|[^A-Za-z0-9_$.])${name}($|[^A-Za-z0-9_$])`);
  const places: string[] = [];
  for (const p of await db.page.findMany({ where: { appId }, select: { name: true, tree: true, treeVersion: true } })) {
    const tree = readPageTree(p);
    for (const c of tree.components) if (word.test(JSON.stringify({ props: c.props, events: c.events }))) places.push(`${p.name} / ${c.name}`);
    for (const [fn, b] of Object.entries(tree.bindings)) if (fn === name || word.test(JSON.stringify(b))) places.push(`${p.name} / bindings of ${fn}`);
  }
  return places;
}

/** The page (by name) holding a component called `name`, if any. */
export async function pageWithComponent(db: Db, appId: string, name: string): Promise<string | null> {
  for (const p of await db.page.findMany({ where: { appId }, select: { name: true, tree: true, treeVersion: true } })) {
    if (readPageTree(p).components.some((c) => c.name === name)) return p.name;
  }
  return null;
}
