import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ARGUMENT_DEPTH } from "@/engine/contract";
import { createApp } from "../services/apps";
import { createFunction, getFunction, saveFunction } from "../services/functions";
import { createResource } from "../services/resources";
import { resourceDeps } from "../runtime/engine";
import { startHttp, type TestHttp } from "../resources/test-support/http-server";
import { installTestServerState, signedInPerson } from "../test-support/server-state";
import { answerCall, type CallInput } from "./call-core";

// Issue 13, failure 5: deeply nested arguments (well under 1 MiB) ran the function (its REST
// POST was sent), then answered 500 with no run id. The depth is checked with the parameters,
// before any block runs: a 400 ARGUMENTS_TOO_DEEP, and the upstream server sees nothing.
let state: ReturnType<typeof installTestServerState>;
let http: TestHttp;
let cookie: string;
let fnId: string;

beforeAll(async () => {
  state = installTestServerState({ secretKey: true });
  http = await startHttp();
  const { db } = state.t;
  const person = await signedInPerson(state.auth, db, "editor@lathe.test", "editor", "Call-arguments-1");
  cookie = person.cookie;
  const app = await createApp(db, { name: "Orders" }, person.id);
  const api = await createResource(resourceDeps(db), { name: "Upstream", kind: "rest", config: { baseUrl: `${http.origin}/api`, auth: { type: "none" } } });
  const f = await createFunction(db, app.id, { name: "send" });
  const definition = (await getFunction(db, f.id)).definition;
  await saveFunction(db, f.id, {
    baseVersion: 1,
    definition: {
      ...definition,
      params: [{ name: "data", type: "json", required: false }],
      graph: {
        blocks: [
          { id: "start", name: "start", type: "start", config: {} },
          { id: "q", name: "q", type: "query", config: { kind: "rest", resourceId: api.id, method: "POST", path: "/echo", body: { type: "json", value: "{}" } } },
          { id: "out", name: "out", type: "return", config: { value: "{{ q.data.method }}" } },
        ],
        edges: [
          { id: "e1", source: "start", target: "q" },
          { id: "e2", source: "q", target: "out" },
        ],
      },
    },
  });
  fnId = f.id;
});

afterAll(async () => {
  await state?.restore();
  await http?.close();
});

/** JSON text of `depth` nested objects and arrays, built as text: JSON.stringify itself overflows at this depth. */
function nested(depth: number): string {
  const open: string[] = [];
  const close: string[] = [];
  for (let i = 0; i < depth; i++) {
    open.push(i % 2 ? "[" : '{"a":');
    close.push(i % 2 ? "]" : "}");
  }
  return `${open.join("")}"bottom"${close.reverse().join("")}`;
}

function callInput(data: string): CallInput {
  const body = `{"fnId":${JSON.stringify(fnId)},"args":[{"data":${data}}]}`;
  return {
    method: "POST",
    contentType: "application/json",
    contentLength: String(Buffer.byteLength(body)),
    readBody: async () => body,
    signal: new AbortController().signal,
    source: "app",
    cookie,
    pageId: null,
    trigger: null,
  };
}

describe("nested arguments are refused before any block runs", () => {
  it("5,000 levels (about 20 KB): a 400 ARGUMENTS_TOO_DEEP, no run id, and the REST server saw no request", async () => {
    const before = http.hits.length;
    const answer = await answerCall(callInput(nested(5_000)));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "ARGUMENTS_TOO_DEEP", fnId, status: 400 });
    expect((answer.body as { error: string }).error).toMatch(new RegExp(`nested deeper than ${MAX_ARGUMENT_DEPTH} levels`));
    expect(answer.headers["X-Lathe-Run-Id"]).toBeUndefined();
    expect(http.hits.length).toBe(before);
    expect(await state.t.db.run.count()).toBe(0);
  });

  it("one level past the limit is refused; the limit itself runs the function", async () => {
    const before = http.hits.length;
    // The arguments object is the first level: { data: nested(n) } is n + 1 deep.
    const over = await answerCall(callInput(nested(MAX_ARGUMENT_DEPTH)));
    expect(over.status).toBe(400);
    expect(http.hits.length).toBe(before);
    const at = await answerCall(callInput(nested(MAX_ARGUMENT_DEPTH - 1)));
    expect(at.status).toBe(200);
    expect(at.body).toEqual({ result: "POST" });
    expect(http.hits.length).toBe(before + 1);
  });
});
