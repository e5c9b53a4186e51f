import path from "node:path";
import { CURRENT_SCHEMA_VERSION, FunctionDefinition, type FunctionDefinitionInput } from "@/engine/model";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db/client";
import { PageTree } from "@/engine/pages";
import { ResourceSettings } from "@/engine/resources";
import { definitionColumns } from "../storage/functions";
import { pageTreeColumns } from "../storage/pages";
import { configColumns } from "../storage/resources";
import { createDemoDatabase } from "./demo-database";
import { defaultWorkspaceId } from "./workspaces";

export const DEMO_SEEDED_KEY = "demoSeededAt";
export const DEMO_APP_NAME = "Customer admin";
export const DEMO_RESOURCE_NAME = "Demo customers (SQLite)";

function demoDefinition(def: Omit<FunctionDefinitionInput, "schemaVersion">): FunctionDefinition {
  return FunctionDefinition.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, ...def });
}

const start = { id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} } as const;

function getCustomers(resourceId: string): FunctionDefinition {
  return demoDefinition({
    params: [{ name: "search", type: "string", required: false, default: "", description: "Filters by name or email" }],
    runBehavior: "automatic",
    graph: {
      blocks: [
        start,
        {
          id: "customers",
          name: "customers",
          type: "query",
          position: { x: 0, y: 120 },
          config: {
            kind: "sql",
            resourceId,
            statement:
              "SELECT id, name, email, plan, country FROM customers\n" +
              "WHERE {{ search }} = '' OR name LIKE '%' || {{ search }} || '%' OR email LIKE '%' || {{ search }} || '%'\n" +
              "ORDER BY name",
          },
        },
      ],
      edges: [{ id: "e1", source: "start", target: "customers", port: "next" }],
    },
  });
}

function customerOrders(resourceId: string): FunctionDefinition {
  return demoDefinition({
    params: [{ name: "customerId", type: "number", required: true, default: 1, description: "The customer's id" }],
    graph: {
      blocks: [
        start,
        {
          id: "orders",
          name: "orders",
          type: "query",
          position: { x: 0, y: 120 },
          config: {
            kind: "sql",
            resourceId,
            statement: "SELECT id, product, amount_cents, status, ordered_at FROM orders WHERE customer_id = {{ customerId }} ORDER BY ordered_at",
          },
        },
        {
          id: "summary",
          name: "summary",
          type: "code",
          position: { x: 0, y: 240 },
          config: {
            language: "javascript",
            source:
              "const paid = orders.data.filter((o) => o.status !== 'refunded');\n" +
              "return { orders: orders.data, count: orders.data.length, totalCents: _.sumBy(paid, 'amount_cents') };\n",
          },
        },
      ],
      edges: [
        { id: "e1", source: "start", target: "orders", port: "next" },
        { id: "e2", source: "orders", target: "summary", port: "next" },
      ],
    },
  });
}

function deleteCustomer(resourceId: string): FunctionDefinition {
  return demoDefinition({
    params: [{ name: "id", type: "number", required: true, default: 0, description: "The customer to delete" }],
    graph: {
      blocks: [
        start,
        {
          id: "remove",
          name: "remove",
          type: "query",
          position: { x: 0, y: 120 },
          config: { kind: "sql", resourceId, statement: "DELETE FROM customers WHERE id = {{ id }}" },
        },
        {
          id: "check",
          name: "check",
          type: "code",
          position: { x: 0, y: 240 },
          config: {
            language: "javascript",
            source:
              "if (remove.metadata.changes === 0) throw new ServerError(`No customer with id ${id}`, { status: 404, data: { id } });\n" +
              "return { deleted: id };\n",
          },
        },
      ],
      edges: [
        { id: "e1", source: "start", target: "remove", port: "next" },
        { id: "e2", source: "remove", target: "check", port: "next" },
      ],
    },
  });
}

/** The demo page: a table loaded on page load, a search box that re-runs it, a delete button. */
export const DEMO_PAGE_TREE = PageTree.parse({
  version: 1,
  bindings: { getCustomers: { params: { search: "{{ searchInput.value }}" } } },
  components: [
    { id: "c1", name: "title", type: "text", layout: { x: 0, y: 0, w: 12, h: 2 },
      props: { value: "## Customers\nSearch by name or email, select a row, delete it." } },
    { id: "c2", name: "searchInput", type: "textInput", layout: { x: 0, y: 2, w: 4, h: 2 },
      props: { label: "Search", placeholder: "Name or email" } },
    { id: "c3", name: "customersTable", type: "table", layout: { x: 0, y: 4, w: 8, h: 11 },
      props: { data: "{{ getCustomers.data }}", title: "Customers", pageSize: 8, searchable: false } },
    { id: "c4", name: "selected", type: "text", layout: { x: 8, y: 4, w: 4, h: 3 },
      props: { value: "{{ customersTable.selectedRow ? `**${customersTable.selectedRow.name}**\\n${customersTable.selectedRow.email}` : 'Select a customer' }}" } },
    { id: "c5", name: "deleteButton", type: "button", layout: { x: 8, y: 7, w: 4, h: 1 },
      props: { label: "Delete customer", variant: "danger", disabled: "{{ !customersTable.selectedRow }}" },
      events: {
        click: [{
          type: "runFunction", function: "deleteCustomer",
          params: { id: "{{ customersTable.selectedRow.id }}" },
          confirm: "Delete {{ customersTable.selectedRow.name }}?",
          onSuccess: [
            { type: "notify", message: "Deleted {{ customersTable.selectedRow.name }}", level: "success" },
            { type: "runFunction", function: "getCustomers", params: { search: "{{ searchInput.value }}" } },
          ],
          onFailure: [{ type: "notify", message: "{{ error.message }}", level: "error" }],
        }],
      } },
  ],
});

const greet = demoDefinition({
  params: [{ name: "name", type: "string", required: true, default: "world", description: "Who to greet" }],
  graph: {
    blocks: [
      start,
      {
        id: "hello",
        name: "hello",
        type: "code",
        position: { x: 0, y: 120 },
        config: { language: "javascript", source: "return `Hello, ${name}!`;\n" },
      },
    ],
    edges: [{ id: "e1", source: "start", target: "hello", port: "next" }],
  },
});

/**
 * Seeds the demo app on the very first start only, its database in the SQLite folder
 * (`sqliteDir`, default `<dataDir>/sqlite`). It never runs again once it has run,
 * and never over user data: an installation that already has apps is marked as seeded.
 */
export async function seedDemoOnce(db: Db, opts: { dataDir: string; sqliteDir?: string }): Promise<"seeded" | "skipped"> {
  const marker = await db.setting.findUnique({ where: { key: DEMO_SEEDED_KEY } });
  if (marker) return "skipped";
  const workspaceId = await defaultWorkspaceId(db);
  // One transaction: a start that dies half-way leaves neither a partial demo nor a marker.
  return db.$transaction(async (tx) => {
    if (await tx.setting.findUnique({ where: { key: DEMO_SEEDED_KEY } })) return "skipped";
    const hasApps = (await tx.app.count()) > 0;
    if (!hasApps) await createDemoApp(tx, workspaceId, createDemoDatabase(opts.sqliteDir ?? path.join(/*turbopackIgnore: true*/ opts.dataDir, "sqlite")));
    await tx.setting.create({ data: { key: DEMO_SEEDED_KEY, value: new Date().toISOString() } });
    return hasApps ? "skipped" : "seeded";
  });
}

async function createDemoApp(db: Prisma.TransactionClient, workspaceId: string, demoFile: string): Promise<void> {
  const resource = await db.resource.create({
    data: { workspaceId, name: DEMO_RESOURCE_NAME, ...configColumns(ResourceSettings.parse({ kind: "sqlite", config: { path: demoFile }, secrets: {} })) },
  });
  const app = await db.app.create({
    data: {
      workspaceId,
      name: DEMO_APP_NAME,
      nameKey: DEMO_APP_NAME.toLocaleLowerCase("en"),
      pages: { create: { name: "customers", position: 0, ...pageTreeColumns(DEMO_PAGE_TREE) } },
    },
    include: { pages: true },
  });
  const page = app.pages[0];
  const fns = [
    { name: "getCustomers", definition: getCustomers(resource.id), pageId: page.id, runBehavior: "automatic" },
    { name: "customerOrders", definition: customerOrders(resource.id), pageId: page.id, runBehavior: "manual" },
    { name: "deleteCustomer", definition: deleteCustomer(resource.id), pageId: page.id, runBehavior: "manual" },
    { name: "greet", definition: greet, pageId: null, runBehavior: "manual" },
  ];
  for (const f of fns) {
    const stored = definitionColumns(f.definition);
    await db.function.create({
      data: {
        appId: app.id,
        pageId: f.pageId,
        scopeKey: f.pageId ?? "global",
        name: f.name,
        runBehavior: f.runBehavior,
        ...stored,
        versions: {
          create: { version: 1, name: f.name, ...stored, reason: "create" },
        },
      },
    });
  }
}
