import { CURRENT_SCHEMA_VERSION, FunctionDefinition, type FunctionDefinitionInput } from "@/engine/model";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db/client";
import { defaultWorkspaceId } from "./workspaces";

export const DEMO_SEEDED_KEY = "demoSeededAt";
export const DEMO_APP_NAME = "Customer admin";

const CUSTOMERS = [
  { id: 1, name: "Ada Lovelace", email: "ada@example.com", plan: "pro", country: "UK" },
  { id: 2, name: "Grace Hopper", email: "grace@example.com", plan: "team", country: "US" },
  { id: 3, name: "Katherine Johnson", email: "katherine@example.com", plan: "free", country: "US" },
  { id: 4, name: "Hedy Lamarr", email: "hedy@example.com", plan: "pro", country: "AT" },
  { id: 5, name: "Alan Turing", email: "alan@example.com", plan: "team", country: "UK" },
];

function demoDefinition(def: Omit<FunctionDefinitionInput, "schemaVersion">): string {
  return JSON.stringify(FunctionDefinition.parse({ schemaVersion: CURRENT_SCHEMA_VERSION, ...def }));
}

const getCustomers = demoDefinition({
  params: [{ name: "search", type: "string", required: false, default: "", description: "Filters by name or email" }],
  runBehavior: "automatic",
  graph: {
    blocks: [
      { id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} },
      {
        id: "filter",
        name: "filterCustomers",
        type: "code",
        position: { x: 0, y: 120 },
        config: {
          language: "javascript",
          source:
            `const customers = ${JSON.stringify(CUSTOMERS)};\n` +
            `const q = String(search ?? "").toLowerCase();\n` +
            `return customers.filter((c) => !q || c.name.toLowerCase().includes(q) || c.email.includes(q));\n`,
        },
      },
    ],
    edges: [{ id: "e1", source: "start", target: "filter", port: "next" }],
  },
});

const greet = demoDefinition({
  params: [{ name: "name", type: "string", required: true, default: "world", description: "Who to greet" }],
  graph: {
    blocks: [
      { id: "start", name: "start", type: "start", position: { x: 0, y: 0 }, config: {} },
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
export async function seedDemoOnce(db: Db): Promise<"seeded" | "skipped"> {
  const marker = await db.setting.findUnique({ where: { key: DEMO_SEEDED_KEY } });
  if (marker) return "skipped";
  const workspaceId = await defaultWorkspaceId(db);
  // One transaction: a start that dies half-way leaves neither a partial demo nor a marker.
  return db.$transaction(async (tx) => {
    if (await tx.setting.findUnique({ where: { key: DEMO_SEEDED_KEY } })) return "skipped";
    const hasApps = (await tx.app.count()) > 0;
    if (!hasApps) await createDemoApp(tx, workspaceId);
    await tx.setting.create({ data: { key: DEMO_SEEDED_KEY, value: new Date().toISOString() } });
    return hasApps ? "skipped" : "seeded";
  });
}

async function createDemoApp(db: Prisma.TransactionClient, workspaceId: string): Promise<void> {
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
    { name: "getCustomers", definition: getCustomers, pageId: page.id, runBehavior: "automatic" },
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
