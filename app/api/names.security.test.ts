import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as appRoute from "@/app/api/apps/[appId]/route";
import * as appFunctionsRoute from "@/app/api/apps/[appId]/functions/route";
import * as appPagesRoute from "@/app/api/apps/[appId]/pages/route";
import * as appsRoute from "@/app/api/apps/route";
import * as functionRoute from "@/app/api/functions/[fnId]/route";
import * as groupRoute from "@/app/api/groups/[groupId]/route";
import * as groupsRoute from "@/app/api/groups/route";
import * as pageRoute from "@/app/api/pages/[pageId]/route";
import * as treeRoute from "@/app/api/pages/[pageId]/tree/route";
import * as resourceRoute from "@/app/api/resources/[resourceId]/route";
import * as resourcesRoute from "@/app/api/resources/route";
import { createApp } from "@/server/services/apps";
import { createFunction } from "@/server/services/functions";
import { listPages } from "@/server/services/pages";
import { installTestServerState, signedInPerson } from "@/server/test-support/server-state";

// Hole 8 of issue 12, through the real route handlers on a real SQLite file:
// - a lone surrogate ("\ud800") in a name answered 500 (the database driver cannot encode it);
// - names that every JavaScript object already has (`__proto__`, `constructor`, `toString`…)
//   were accepted for parameters, blocks, components and functions, and then broke every call.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

let restore: () => Promise<void>;
let cookie: string;
let ids: { appId: string; fnId: string; pageId: string; resourceId: string; groupId: string };
const LONE = "Bad\ud800name";

async function send(handler: Handler, method: string, params: Record<string, string>, body: unknown): Promise<{ status: number; body: { code?: string; error?: string; field?: string } }> {
  const req = new Request("http://127.0.0.1/api/x", { method, headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
  const res = await handler(req, { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as { code?: string; error?: string; field?: string } };
}

/** The function's current version and the page's revision: saves name the one they start from. */
async function baseVersion(): Promise<number> {
  const res = await functionRoute.GET(new Request("http://127.0.0.1/api/x", { headers: { cookie } }), { params: Promise.resolve({ fnId: ids.fnId }) });
  return ((await res.json()) as { function: { currentVersion: number } }).function.currentVersion;
}
async function baseRevision(): Promise<number> {
  const res = await pageRoute.GET(new Request("http://127.0.0.1/api/x", { headers: { cookie } }), { params: Promise.resolve({ pageId: ids.pageId }) });
  return ((await res.json()) as { page: { revision: number } }).page.revision;
}

function definition(paramName: string, blockName: string) {
  return {
    schemaVersion: 1,
    params: [{ name: paramName, type: "string" }],
    graph: {
      blocks: [
        { id: "start", name: "start", type: "start", config: {} },
        { id: "b1", name: blockName, type: "code", config: { language: "javascript", source: "return 1;" } },
      ],
      edges: [{ id: "e1", source: "start", target: "b1", port: "next" }],
    },
  };
}

function tree(componentName: string, text = "hello") {
  return { version: 1, components: [{ id: "c1", name: componentName, type: "text", layout: { x: 0, y: 0, w: 4, h: 2 }, props: { text } }] };
}

beforeAll(async () => {
  const { t, auth, restore: undo } = installTestServerState();
  restore = undo;
  const admin = await signedInPerson(auth, t.db, "admin@lathe.test", "admin", "Names-test-1");
  cookie = admin.cookie;
  const app = await createApp(t.db, { name: "Names" }, admin.id);
  const fn = await createFunction(t.db, app.id, { name: "named" });
  const [page] = await listPages(t.db, app.id);
  const resource = (await send(resourcesRoute.POST, "POST", {}, { name: "api", kind: "rest", config: { baseUrl: "http://127.0.0.1:9" } })).body as { resource?: { id: string } };
  const group = (await send(groupsRoute.POST, "POST", {}, { name: "Team" })).body as { group?: { id: string } };
  ids = { appId: app.id, fnId: fn.id, pageId: page.id, resourceId: resource.resource?.id ?? "", groupId: group.group?.id ?? "" };
  expect(ids.resourceId && ids.groupId).toBeTruthy();
});

afterAll(() => restore());

describe("a lone surrogate in a name is a 400 naming the field, never a 500", () => {
  const cases: [string, () => Promise<[Handler, string, Record<string, string>, unknown]>][] = [
    ["create an app", async () => [appsRoute.POST, "POST", {}, { name: LONE }]],
    ["rename an app", async () => [appRoute.PATCH, "PATCH", { appId: ids.appId }, { name: LONE }]],
    ["create a resource", async () => [resourcesRoute.POST, "POST", {}, { name: LONE, kind: "rest", config: { baseUrl: "http://127.0.0.1:9" } }]],
    ["rename a resource", async () => [resourceRoute.PATCH, "PATCH", { resourceId: ids.resourceId }, { name: LONE }]],
    ["create a group", async () => [groupsRoute.POST, "POST", {}, { name: LONE }]],
    ["rename a group", async () => [groupRoute.PATCH, "PATCH", { groupId: ids.groupId }, { name: LONE }]],
    ["a page's text", async () => [treeRoute.PUT, "PUT", { pageId: ids.pageId }, { tree: tree("text1", LONE), baseRevision: await baseRevision() }]],
    ["a function's code", async () => [functionRoute.PUT, "PUT", { fnId: ids.fnId }, { definition: { ...definition("who", "b1"), graph: { ...definition("who", "b1").graph, blocks: [{ id: "start", name: "start", type: "start", config: {} }, { id: "b1", name: "b1", type: "code", config: { language: "javascript", source: `return "${LONE}";` } }] } }, baseVersion: await baseVersion() }]],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const [handler, method, params, body] = await make();
      const res = await send(handler, method, params, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION");
      expect(res.body.error).toMatch(/unpaired surrogate/i);
    });
  }
});

describe("names every JavaScript object already has are refused with a message", () => {
  const NAMES = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"];
  for (const name of NAMES) {
    it(`"${name}" as a parameter, a block, a function and a component`, async () => {
      const param = await send(functionRoute.PUT, "PUT", { fnId: ids.fnId }, { definition: definition(name, "b1"), baseVersion: await baseVersion() });
      expect(param.status, JSON.stringify(param.body)).toBe(400);
      expect(param.body.error).toMatch(/every JavaScript object/i);
      const block = await send(functionRoute.PUT, "PUT", { fnId: ids.fnId }, { definition: definition("who", name), baseVersion: await baseVersion() });
      expect(block.status, JSON.stringify(block.body)).toBe(400);
      const created = await send(appFunctionsRoute.POST, "POST", { appId: ids.appId }, { name });
      expect(created.status, JSON.stringify(created.body)).toBe(400);
      expect(created.body).toMatchObject({ code: "VALIDATION", field: "name" });
      const renamed = await send(functionRoute.PATCH, "PATCH", { fnId: ids.fnId }, { name });
      expect(renamed.status).toBe(400);
      const component = await send(treeRoute.PUT, "PUT", { pageId: ids.pageId }, { tree: tree(name), baseRevision: await baseRevision() });
      expect(component.status, JSON.stringify(component.body)).toBe(400);
    });
  }

  it("ordinary names still save", async () => {
    expect((await send(functionRoute.PUT, "PUT", { fnId: ids.fnId }, { definition: definition("who", "b1"), baseVersion: await baseVersion() })).status).toBe(200);
    expect((await send(appPagesRoute.POST, "POST", { appId: ids.appId }, { name: "second" })).status).toBe(200);
  });
});
