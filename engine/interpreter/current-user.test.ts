import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../contract/current-user";
import { testDefinition } from "../graph/test-graph";
import type { ResourcePort } from "../ports";
import { createJsSandbox, type JsSandbox } from "../sandbox/js";
import { runFunction } from ".";

let js: JsSandbox;
beforeAll(() => {
  js = createJsSandbox();
});
afterAll(() => js.close());

const ada: CurrentUser = { id: "u1", email: "ada@example.com", name: "Ada", role: "editor", groups: ["ops"] };

/** A resource that answers the config it was given (rendered) and remembers the scope it saw. */
function echoResource(): ResourcePort & { seen: Array<Record<string, unknown>> } {
  const seen: Array<Record<string, unknown>> = [];
  return {
    seen,
    async execute(_id, config, ctx) {
      seen.push(ctx.scope);
      return { data: config, metadata: {} };
    },
  };
}

describe("currentUser in a run", () => {
  //  start ─► q (REST) ─► r
  it("renders REST query templates (path, query, headers, body) with it", async () => {
    const rest = {
      kind: "rest", resourceId: "api", method: "POST",
      path: "/users/{{ currentUser.id }}",
      query: [{ key: "role", value: "{{ currentUser.role }}" }],
      headers: [{ key: "X-User", value: "{{ currentUser.email }}" }],
      body: { type: "json", value: "{{ { groups: currentUser.groups } }}" },
    };
    const def = testDefinition({ start: "start", q: { type: "query", config: rest } }, ["start -> q"]);
    const out = await runFunction(def, {}, { js, resources: echoResource() }, { currentUser: ada });
    expect(out.status).toBe("ok");
    expect(out.result).toMatchObject({
      path: "/users/u1",
      query: [{ key: "role", value: "editor" }],
      headers: [{ key: "X-User", value: "ada@example.com" }],
      body: { type: "json", value: '{"groups":["ops"]}' },
    });
  });

  it("puts a frozen copy of the schema's fields in scope, not the caller's object", async () => {
    const fromSession = { ...ada, groups: [...ada.groups], sessionToken: "secret" };
    const resources = echoResource();
    const def = testDefinition(
      { start: "start", q: { type: "query", config: { kind: "sql", resourceId: "db", statement: "{{ currentUser }}" } } },
      ["start -> q"],
    );
    const out = await runFunction(def, {}, { js, resources }, { currentUser: fromSession });
    expect(out.status).toBe("ok");
    const inScope = resources.seen[0].currentUser;
    expect(inScope).toEqual(ada);
    expect(inScope).not.toBe(fromSession);
    expect(Object.isFrozen(inScope)).toBe(true);
    expect(Object.isFrozen((inScope as CurrentUser).groups)).toBe(true);
    expect(Object.isFrozen(fromSession)).toBe(false);
  });

  it("does not reach code through a computed name or as a property of another name", async () => {
    const def = testDefinition({ start: "start", a: { type: "code", config: { source: "return typeof globalThis['current' + 'User']" } } }, ["start -> a"]);
    expect(await runFunction(def, {}, { js }, { currentUser: ada })).toMatchObject({ status: "ok", result: "undefined" });
  });

  it("is null by default", async () => {
    const def = testDefinition({ start: "start", a: { type: "code", config: { source: "return currentUser" } } }, ["start -> a"]);
    expect(await runFunction(def, {}, { js })).toMatchObject({ status: "ok", result: null });
  });

  it("cannot be set by the caller's input: an undeclared key is dropped", async () => {
    const def = testDefinition({ start: "start", a: { type: "code", config: { source: "return currentUser" } } }, ["start -> a"]);
    const forged = { currentUser: { ...ada, role: "admin" } };
    expect(await runFunction(def, forged, { js })).toMatchObject({ status: "ok", result: null });
    expect(await runFunction(def, forged, { js }, { currentUser: ada })).toMatchObject({ status: "ok", result: ada });
  });
});
