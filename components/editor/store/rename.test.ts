import { testDefinition } from "@/engine/graph/test-graph";
import type { Block, FunctionDefinition } from "@/engine/model";
import { describe, expect, it } from "vitest";
import { addParam, moveParam, removeParam, renameParam, updateParam } from "./params";
import { renameBlock } from "./rename-block";

/*
 *   start ─▶ code1 ─▶ py ─▶ q ─▶ check ─yes─▶ out
 *   (param: userId)
 */
const def = testDefinition(
  {
    start: "start",
    code1: { type: "code", config: { source: "return fetchUser(userId)" } },
    py: { type: "code", config: { language: "python", source: "return [r for r in code1['rows'] if r.code1 != userId]" } },
    q: { type: "query", config: { kind: "sql", resourceId: "db", statement: "select * from t where id = {{ code1.data.id }} and u = {{ userId }}" } },
    check: { type: "branch", cases: ["yes"], config: { cases: [{ id: "yes", label: "code1 ok", condition: "{{ !code1.error && x.code1 }}" }] } },
    call: { type: "callFunction", config: { functionId: "f", args: { code1: "{{ code1.data }}" } } },
    out: { type: "return", config: { value: "{{ { user: code1.data, py: py.data } }}" } },
  },
  ["start -> code1", "code1 -> py", "py -> q", "q -> check", "check -yes-> out", "out -> call"],
  { params: [{ name: "userId", type: "number" }] },
);

function block(d: FunctionDefinition, id: string): Block {
  const b = d.graph.blocks.find((x) => x.id === id);
  if (!b) throw new Error(id);
  return b;
}

describe("renameBlock", () => {
  it("renames and rewrites references in templates and JS/Python code", () => {
    const r = renameBlock(def, "code1", "loadUser");
    if (!r.ok) throw new Error(r.reason);
    expect(block(r.def, "code1").name).toBe("loadUser");
    expect(block(r.def, "py").config).toMatchObject({ source: "return [r for r in loadUser['rows'] if r.code1 != userId]" });
    expect(block(r.def, "q").config).toMatchObject({ statement: "select * from t where id = {{ loadUser.data.id }} and u = {{ userId }}" });
    expect(block(r.def, "check").config).toEqual({ cases: [{ id: "yes", label: "code1 ok", condition: "{{ !loadUser.error && x.code1 }}" }] });
    expect(block(r.def, "call").config).toEqual({ functionId: "f", args: { code1: "{{ loadUser.data }}" } });
    expect(block(r.def, "out").config).toEqual({ value: "{{ { user: loadUser.data, py: py.data } }}" });
    expect(block(r.def, "start")).toBe(block(def, "start"));
    expect(block(def, "code1").name).toBe("code1");
  });

  it.each([
    ["an invalid identifier", "1abc", /digit/],
    ["a reserved word", "return", /reserved/],
    ["a runtime name", "input", /reserved/],
    ["another block's name", "py", /block is already named/],
    ["a parameter's name", "userId", /parameter is already named/],
  ])("refuses %s", (_, name, reason) => {
    const r = renameBlock(def, "code1", name);
    expect(r).toMatchObject({ ok: false, def, reason: expect.stringMatching(reason) });
  });

  it("accepts its own name as a no-op", () => {
    expect(renameBlock(def, "code1", "code1")).toEqual({ ok: true, def });
  });
});

describe("params", () => {
  it("renameParam rewrites references like renameBlock", () => {
    const r = renameParam(def, "userId", "uid");
    if (!r.ok) throw new Error(r.reason);
    expect(r.def.params.map((p) => p.name)).toEqual(["uid"]);
    expect(block(r.def, "code1").config).toMatchObject({ source: "return fetchUser(uid)" });
    expect(block(r.def, "py").config).toMatchObject({ source: "return [r for r in code1['rows'] if r.code1 != uid]" });
    expect(block(r.def, "q").config).toMatchObject({ statement: "select * from t where id = {{ code1.data.id }} and u = {{ uid }}" });
    expect(renameParam(def, "userId", "code1")).toMatchObject({ ok: false, reason: expect.stringMatching(/block/) });
  });

  it("adds with a unique name, refuses clashes and invalid types", () => {
    const r = addParam(def);
    expect(r).toMatchObject({ ok: true, id: "param1" });
    expect(r.def.params.at(-1)).toEqual({ name: "param1", type: "string", required: false, description: "" });
    expect(addParam(def, { name: "py" })).toMatchObject({ ok: false });
    expect(addParam(def, { name: "n", type: "decimal" as never })).toMatchObject({ ok: false }); // ill-typed on purpose: the schema refuses it
  });

  it("updates with validation and clears the default with undefined", () => {
    const r = updateParam(def, "userId", { required: true, default: 3, description: "who" });
    if (!r.ok) throw new Error(r.reason);
    expect(r.def.params[0]).toEqual({ name: "userId", type: "number", required: true, default: 3, description: "who" });
    const cleared = updateParam(r.def, "userId", { default: undefined });
    expect(cleared.ok && cleared.def.params[0]).not.toHaveProperty("default");
    expect(updateParam(def, "userId", { description: "x".repeat(2000) })).toMatchObject({ ok: false });
    expect(updateParam(def, "nope", {})).toMatchObject({ ok: false });
  });

  it("moves and removes", () => {
    let d = def;
    for (const name of ["a", "b"]) {
      const r = addParam(d, { name });
      d = r.def;
    }
    expect(moveParam(d, 2, 0).params.map((p) => p.name)).toEqual(["b", "userId", "a"]);
    expect(moveParam(d, 0, 99).params.map((p) => p.name)).toEqual(["a", "b", "userId"]);
    expect(moveParam(d, 1, 1)).toBe(d);
    expect(removeParam(d, "a").params.map((p) => p.name)).toEqual(["userId", "b"]);
    expect(removeParam(d, "zzz")).toBe(d);
  });
});
