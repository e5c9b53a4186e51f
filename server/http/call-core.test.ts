import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunListResponse } from "@/engine/contract/runs";
import { defaultDefinition } from "@/engine/model/function-definition";
import { createApp } from "../services/apps";
import { createFunction } from "../services/functions";
import { listPages } from "../services/pages";
import { authConfig } from "../auth/config";
import { sessionCache } from "../auth/session-cache";
import { runWriter } from "../runtime/engine";
import { installTestServerState, signedInPerson } from "../test-support/server-state";
import { answerCall, type CallInput } from "./call-core";

// Runs know who ran them: /api/fn's core records the signed-in person and, for calls from a
// page, the page and the event the browser names in X-Lathe-Page / X-Lathe-Trigger (checked,
// dropped when they do not fit); Test records who pressed it; the runs route filters by person.
// The server's per-process singletons are pointed at a test database (server/test-support/server-state.ts).
let t: ReturnType<typeof installTestServerState>["t"];
let restore: () => Promise<void>;
let fnId: string;
let pageId: string;
const people: Record<"editor" | "user", { id: string; email: string; cookie: string }> = {
  editor: { id: "", email: "editor@lathe.test", cookie: "" },
  user: { id: "", email: "user@lathe.test", cookie: "" },
};

beforeAll(async () => {
  const state = installTestServerState();
  ({ t, restore } = state);
  people.editor = await signedInPerson(state.auth, t.db, people.editor.email, "editor", "Call-core-test-1");
  people.user = await signedInPerson(state.auth, t.db, people.user.email, "user", "Call-core-test-1");
  const app = await createApp(t.db, { name: "Orders" }, people.editor.id);
  fnId = (await createFunction(t.db, app.id, { name: "getOrders" })).id;
  pageId = (await listPages(t.db, app.id))[0].id;
  await t.db.appMember.create({ data: { appId: app.id, userId: people.user.id, access: "use" } });
});

afterAll(() => restore());

function callInput(cookie: string | null, origin: { pageId?: string | null; trigger?: string | null } = {}): CallInput {
  const body = JSON.stringify({ fnId, args: [{}] });
  return {
    method: "POST",
    contentType: "application/json",
    contentLength: String(Buffer.byteLength(body)),
    readBody: async () => body,
    signal: new AbortController().signal,
    source: "app",
    cookie,
    pageId: origin.pageId ?? null,
    trigger: origin.trigger ?? null,
  };
}

async function storedRun(answer: { status: number; headers: Record<string, string> }) {
  expect(answer.status).toBe(200);
  const runId = answer.headers["X-Lathe-Run-Id"];
  await runWriter(t.db).flush();
  return t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { userId: true, userEmail: true, pageId: true, trigger: true, source: true } });
}

describe("answerCall records who ran the function and from where", () => {
  it("stores the caller, the page and the trigger the page sent", async () => {
    const run = await storedRun(await answerCall(callInput(people.user.cookie, { pageId, trigger: "button1.click" })));
    expect(run).toEqual({ userId: people.user.id, userEmail: people.user.email, pageId, trigger: "button1.click", source: "app" });
  });

  it("a call without the headers has no page or trigger, and still its caller", async () => {
    const run = await storedRun(await answerCall(callInput(people.editor.cookie)));
    expect(run).toEqual({ userId: people.editor.id, userEmail: people.editor.email, pageId: null, trigger: null, source: "app" });
  });

  it.each([
    ["a page id with a space", { pageId: "page 1", trigger: "page.load" }, { pageId: null, trigger: "page.load" }],
    ["a page id over 64 characters", { pageId: "p".repeat(65), trigger: "x" }, { pageId: null, trigger: "x" }],
    ["a trigger over 100 characters", { pageId: "p1", trigger: "t".repeat(101) }, { pageId: "p1", trigger: null }],
    ["markup in the trigger", { pageId: "p1", trigger: "<img src=x onerror=alert(1)>" }, { pageId: "p1", trigger: null }],
    ["a newline in the trigger", { pageId: "p1", trigger: "button1.click\nadmin" }, { pageId: "p1", trigger: null }],
    ["a page id with a slash", { pageId: "../p", trigger: "button1.click" }, { pageId: null, trigger: "button1.click" }],
  ])("ignores %s", async (_, origin, expected) => {
    const run = await storedRun(await answerCall(callInput(people.user.cookie, origin)));
    expect({ pageId: run.pageId, trigger: run.trigger }).toEqual(expected);
    expect(run.userId).toBe(people.user.id);
  });

  it("the caller comes from the session only: no session, no run", async () => {
    const answer = await answerCall(callInput(null, { pageId, trigger: "button1.click" }));
    expect(answer.status).toBe(401);
  });
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** A route's handler, loaded by path as the route-access test does (server code never imports app/ statically). */
async function routeHandler(file: string, method: "GET" | "POST"): Promise<Handler> {
  const mod: Record<string, unknown> = await import(path.resolve(import.meta.dirname, "../../app/api", file));
  const handler = mod[method];
  if (typeof handler !== "function") throw new Error(`${file} has no ${method}`);
  return handler as Handler; // every app/api route handler has this signature (server/http/route.ts)
}

async function getRuns(cookie: string, query = ""): Promise<{ status: number; body: unknown }> {
  const req = new Request(`http://127.0.0.1/api/functions/${fnId}/runs${query}`, { headers: { cookie } });
  const res = await (await routeHandler("functions/[fnId]/runs/route.ts", "GET"))(req, { params: Promise.resolve({ fnId }) });
  return { status: res.status, body: await res.json() };
}

describe("Test records who pressed it; the runs route shows and filters by person", () => {
  it("a Test run carries the editor who ran it", async () => {
    const req = new Request(`http://127.0.0.1/api/functions/${fnId}/test`, {
      method: "POST",
      headers: { cookie: people.editor.cookie, "Content-Type": "application/json" },
      body: JSON.stringify({ definition: defaultDefinition(), input: {} }),
    });
    const res = await (await routeHandler("functions/[fnId]/test/route.ts", "POST"))(req, { params: Promise.resolve({ fnId }) });
    expect(res.status).toBe(200);
    const { runId } = (await res.json()) as { runId: string };
    await runWriter(t.db).flush();
    expect(await t.db.run.findUniqueOrThrow({ where: { id: runId }, select: { userId: true, userEmail: true, source: true } })).toEqual({
      userId: people.editor.id,
      userEmail: people.editor.email,
      source: "test",
    });
  });

  it("lists each run with who ran it, the page's name and the trigger, and the people who appear", async () => {
    await answerCall(callInput(people.user.cookie, { pageId, trigger: "button1.click" }));
    await t.db.run.create({ data: { functionId: fnId, appId: (await t.db.function.findUniqueOrThrow({ where: { id: fnId } })).appId, status: "ok", source: "app", input: "{}", durationMs: 1 } });
    const { status, body } = await getRuns(people.editor.cookie);
    expect(status).toBe(200);
    const answer = RunListResponse.parse(body);
    expect(answer.people).toEqual([
      { id: people.editor.id, email: people.editor.email },
      { id: people.user.id, email: people.user.email },
    ]);
    const fromPage = answer.runs.find((r) => r.trigger === "button1.click");
    expect(fromPage).toMatchObject({ userEmail: people.user.email, pageId, pageName: "page1" });
    expect(answer.runs.some((r) => r.userId === null && r.userEmail === null)).toBe(true);
  });

  it("filters by person with ?user=", async () => {
    const mine = RunListResponse.parse((await getRuns(people.editor.cookie, `?user=${encodeURIComponent(people.user.id)}`)).body);
    expect(mine.runs.length).toBeGreaterThan(0);
    expect(new Set(mine.runs.map((r) => r.userEmail))).toEqual(new Set([people.user.email]));
    const theirs = RunListResponse.parse((await getRuns(people.editor.cookie, `?user=${encodeURIComponent(people.editor.id)}&source=test`)).body);
    expect(theirs.runs.map((r) => [r.userEmail, r.source])).toEqual([[people.editor.email, "test"]]);
    expect(RunListResponse.parse((await getRuns(people.editor.cookie, "?user=nobody")).body).runs).toEqual([]);
  });

  it("a user who may use the app cannot read its runs", async () => {
    expect((await getRuns(people.user.cookie)).status).toBe(403);
  });
});

describe("answerCall and the session cookie", () => {
  it("sends on the cookie better-auth renewed when the call slid the idle expiry, and nothing otherwise", async () => {
    const fresh = await answerCall(callInput(people.user.cookie));
    expect(fresh.status).toBe(200);
    expect(fresh.setCookie).toBeUndefined();
    // Make the session look last renewed long ago (better-auth reads its own clock).
    const { idleSeconds } = authConfig();
    const updateAge = Math.min(Math.floor(idleSeconds / 10), 3600);
    await t.db.session.updateMany({ where: { userId: people.user.id }, data: { expiresAt: new Date(Date.now() + (idleSeconds - updateAge - 60) * 1000) } });
    sessionCache().clear();
    const renewed = await answerCall(callInput(people.user.cookie));
    expect(renewed.status).toBe(200);
    expect(renewed.setCookie?.[0]).toMatch(/^lathe\.session_token=.*Max-Age=/);
  });
});
