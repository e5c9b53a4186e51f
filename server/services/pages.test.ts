import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import type { Db } from "../db/client";
import { createApp } from "./apps";
import { createFunction, renameFunction } from "./functions";
import { createPage, deletePage, getPage, listPages, savePageTree, updatePage } from "./pages";
import { rejection } from "./test-support/rejection";

let t: ReturnType<typeof createTestDb>;
let db: Db;
let appId: string;
beforeEach(async () => {
  t = createTestDb();
  db = t.db;
  appId = (await createApp(db, { name: "A" })).id;
});
afterEach(() => t.close());

const button = (name: string, extra: Record<string, unknown> = {}) => ({
  id: `c-${name}`, name, type: "button", layout: { x: 0, y: 0, w: 2, h: 1 }, props: { label: "Go" }, events: {}, ...extra,
});

describe("pages", () => {
  it("adds, renames, reorders and deletes pages, keeping at least one", async () => {
    const [first] = await listPages(db, appId);
    const second = await createPage(db, appId, { name: "orders" });
    const third = await createPage(db, appId, { name: "reports" });
    expect((await rejection(createPage(db, appId, { name: "orders" }))).code).toBe("CONFLICT");
    expect((await rejection(createPage(db, appId, { name: "has space" }))).code).toBe("VALIDATION");
    await updatePage(db, third.id, { position: 0, name: "summary" });
    expect((await listPages(db, appId)).map((p) => p.name)).toEqual(["summary", first.name, "orders"]);
    await deletePage(db, second.id);
    await deletePage(db, third.id);
    expect((await rejection(deletePage(db, first.id))).message).toMatch(/at least one page/);
  });

  it("saves the tree as revisions and refuses a stale or invalid save", async () => {
    const [page] = await listPages(db, appId);
    expect((await getPage(db, page.id)).tree).toEqual({ version: 1, components: [], bindings: {} });
    const tree = { version: 1, components: [button("button1")], bindings: {} };
    expect((await savePageTree(db, page.id, { tree, baseRevision: 1 })).revision).toBe(2);
    expect((await rejection(savePageTree(db, page.id, { tree, baseRevision: 1 }))).code).toBe("STALE_VERSION");
    const twice = { version: 1, components: [button("button1"), { ...button("button1"), id: "other" }] };
    expect((await rejection(savePageTree(db, page.id, { tree: twice, baseRevision: 2 }))).message).toMatch(/Two components are named/);
    const offGrid = { version: 1, components: [{ ...button("b"), layout: { x: 11, y: 0, w: 3, h: 1 } }] };
    expect((await rejection(savePageTree(db, page.id, { tree: offGrid, baseRevision: 2 }))).code).toBe("VALIDATION");
    expect((await getPage(db, page.id)).tree.components.map((c) => c.name)).toEqual(["button1"]);
  });

  it("keeps component names apart from function names and other pages' components", async () => {
    const [page] = await listPages(db, appId);
    const other = await createPage(db, appId, { name: "other" });
    await createFunction(db, appId, { name: "getCustomers" });
    const clash = await rejection(savePageTree(db, page.id, { tree: { version: 1, components: [button("getCustomers")] }, baseRevision: 1 }));
    expect(clash.message).toMatch(/a function/);
    await savePageTree(db, other.id, { tree: { version: 1, components: [button("table1")] }, baseRevision: 1 });
    expect((await rejection(savePageTree(db, page.id, { tree: { version: 1, components: [button("table1")] }, baseRevision: 1 }))).message).toMatch(/page "other"/);
    expect((await rejection(createFunction(db, appId, { name: "table1" }))).message).toMatch(/component on page "other"/);
  });

  it("refuses to rename a function that pages still use, naming the places", async () => {
    const [page] = await listPages(db, appId);
    const f = await createFunction(db, appId, { name: "getCustomers" });
    const events = { click: [{ type: "runFunction", function: "getCustomers", params: {}, onSuccess: [], onFailure: [] }] };
    await savePageTree(db, page.id, { tree: { version: 1, components: [button("refresh", { events })] }, baseRevision: 1 });
    const refused = await rejection(renameFunction(db, f.id, { name: "loadCustomers" }));
    expect(refused.message).toContain(`${page.name} / refresh`);
    await savePageTree(db, page.id, { tree: { version: 1, components: [] }, baseRevision: 2 });
    expect((await renameFunction(db, f.id, { name: "loadCustomers" })).name).toBe("loadCustomers");
  });
});
