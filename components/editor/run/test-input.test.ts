import { describe, expect, it } from "vitest";
import type { ParamDef } from "@/engine/model";
import { defaultTestInput, emptyValueFor, formatTestInput, parseTestInput } from "./test-input";

const NOW = Date.parse("2024-03-05T10:00:00Z");

function param(p: Partial<ParamDef> & Pick<ParamDef, "name" | "type">): ParamDef {
  return { required: false, description: "", ...p };
}

describe("defaultTestInput", () => {
  it("uses defaults, fills required params with empty values, leaves other optionals out", () => {
    const params: ParamDef[] = [
      param({ name: "limit", type: "number", default: 10 }),
      param({ name: "q", type: "string", required: true }),
      param({ name: "n", type: "number", required: true }),
      param({ name: "flag", type: "boolean", required: true }),
      param({ name: "obj", type: "object", required: true }),
      param({ name: "list", type: "array", required: true }),
      param({ name: "any", type: "json", required: true }),
      param({ name: "day", type: "date", required: true }),
      param({ name: "opt", type: "string" }),
      param({ name: "req", type: "string", required: true, default: "x" }),
    ];
    expect(defaultTestInput(params, NOW)).toEqual({
      limit: 10,
      q: "",
      n: 0,
      flag: false,
      obj: {},
      list: [],
      any: null,
      day: "2024-03-05",
      req: "x",
    });
  });

  it("keeps falsy defaults", () => {
    expect(defaultTestInput([param({ name: "z", type: "number", default: 0 }), param({ name: "s", type: "json", default: null })])).toEqual({ z: 0, s: null });
  });

  it("is {} without parameters", () => {
    expect(defaultTestInput([])).toEqual({});
    expect(formatTestInput({})).toBe("{}");
  });

  it("gives a date param an ISO date", () => {
    expect(emptyValueFor("date", NOW)).toBe("2024-03-05");
  });
});

describe("parseTestInput", () => {
  it("accepts a JSON object and blank text", () => {
    expect(parseTestInput('{ "a": 1 }')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseTestInput("  ")).toEqual({ ok: true, value: {} });
  });

  it("refuses bad JSON with the parser's message", () => {
    const r = parseTestInput("{ a: 1 }");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Invalid JSON: /);
  });

  it("refuses JSON that is not an object", () => {
    for (const text of ["[1]", "3", "null", '"x"']) {
      const r = parseTestInput(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/JSON object/);
    }
  });
});
