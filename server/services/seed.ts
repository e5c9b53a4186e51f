import { CURRENT_SCHEMA_VERSION, FunctionDefinition, type FunctionDefinitionInput } from "@/engine/model";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db/client";
import { SqliteConfig } from "@/engine/resources";
import { createDemoDatabase } from "./demo-database";
import { defaultWorkspaceId } from "./workspaces";

export const DEMO_SEEDED_KEY = "demoSeededAt";
export const DEMO_APP_NAME = "Customer admin";
export const DEMO_RESOURCE_NAME = "Demo customers (SQLite)";

function demoDefinition(def: Omit<FunctionDefinitionInput, "schemaVersion">): string {
  return JSON.stringify(FunctionDefinition.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, ...def }));
}

const start = { id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} } as const;

function getCustomers(resourceId: string): string {
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

function customerOrders(resourceId: string): string {
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
 * Seeds the demo app on the very first start only. It never runs again once it has run,
 * and never over user data: an installation that already has apps is marked as seeded.
 */
export async function seedDemoOnce(db: Db, opts: { dataDir: string }): Promise<"seeded" | "skipped"> {
  const marker = await db.setting.findUnique({ where: { key: DEMO_SEEDED_KEY } });
  if (marker) return "skipped";
  const workspaceId = await defaultWorkspaceId(db);
  // One transaction: a start that dies half-way leaves neither a partial demo nor a marker.
  return db.$transaction(async (tx) => {
    if (await tx.setting.findUnique({ where: { key: DEMO_SEEDED_KEY } })) return "skipped";
    const hasApps = (await tx.app.count()) > 0;
    if (!hasApps) await createDemoApp(tx, workspaceId, createDemoDatabase(opts.dataDir));
    await tx.setting.create({ data: { key: DEMO_SEEDED_KEY, value: new Date().toISOString() } });
    return hasApps ? "skipped" : "seeded";
  });
}

async function createDemoApp(db: Prisma.TransactionClient, workspaceId: string, demoFile: string): Promise<void> {
  const resource = await db.resource.create({
    data: { workspaceId, name: DEMO_RESOURCE_NAME, kind: "sqlite", config: JSON.stringify(SqliteConfig.parse({ path: demoFile })) },
  });
  const app = await db.app.create({
    data: {
      workspaceId,
      name: DEMO_APP_NAME,
      nameKey: DEMO_APP_NAME.toLocaleLowerCase("en"),
      pages: { create: { name: "customers", position: 0 } },
    },
    include: { pages: true },
  });
  const page = app.pages[0];
  const fns = [
    { name: "getCustomers", definition: getCustomers(resource.id), pageId: page.id, runBehavior: "automatic" },
    { name: "customerOrders", definition: customerOrders(resource.id), pageId: page.id, runBehavior: "manual" },
    { name: "greet", definition: greet, pageId: null, runBehavior: "manual" },
  ];
  for (const f of fns) {
    await db.function.create({
      data: {
        appId: app.id,
        pageId: f.pageId,
        scopeKey: f.pageId ?? "global",
        name: f.name,
        runBehavior: f.runBehavior,
        definition: f.definition,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        versions: {
          create: { version: 1, name: f.name, definition: f.definition, schemaVersion: CURRENT_SCHEMA_VERSION, reason: "create" },
        },
      },
    });
  }
}
