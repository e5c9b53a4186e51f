import { describe, expect, it } from "vitest";
import { isSingleExpression, parseTemplate, renderTemplates, resolveTemplates, stringifyValue, templateToExpression, type Evaluate } from ".";

/** A table of known expressions: the host never evaluates text, not even in tests. */
function table(values: Record<string, unknown>): Evaluate & { calls: string[][] } {
  const calls: string[][] = [];
  const fn = async (exprs: string[]) => {
    calls.push(exprs);
    return exprs.map((e) => {
      if (!(e in values)) throw new Error(`unexpected expression ${e}`);
      return values[e];
    });
  };
  return Object.assign(fn, { calls });
}

describe("parseTemplate", () => {
  it("splits text and expressions", () => {
    expect(parseTemplate("Hi {{ user.name }}!")).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "expression", source: "user.name" },
      { kind: "text", text: "!" },
    ]);
  });

  it("skips }} inside strings, template literals and object braces", () => {
    expect(parseTemplate('{{ "}}" }}')).toEqual([{ kind: "expression", source: '"}}"' }]);
    expect(parseTemplate("{{ '}}' + \"x\\\"}}\" }}")).toEqual([{ kind: "expression", source: "'}}' + \"x\\\"}}\"" }]);
    expect(parseTemplate("{{ `a}}${ {b: 1}.b }}` }}")).toEqual([{ kind: "expression", source: "`a}}${ {b: 1}.b }}`" }]);
    expect(parseTemplate("{{ {a: {b: 1}} }}")).toEqual([{ kind: "expression", source: "{a: {b: 1}}" }]);
    expect(parseTemplate("{{{a: 1}}}")).toEqual([{ kind: "expression", source: "{a: 1}" }]);
  });

  it("keeps an unclosed {{ as text and closes an unbalanced quote at the next }}", () => {
    expect(parseTemplate("a {{ b")).toEqual([{ kind: "text", text: "a {{ b" }]);
    expect(parseTemplate("{{ it's }} x")).toEqual([{ kind: "expression", source: "it's" }, { kind: "text", text: " x" }]);
  });
});

describe("isSingleExpression", () => {
  it("is true for one expression with only whitespace around", () => {
    expect(isSingleExpression("  {{ a }}\n")).toBe(true);
    expect(isSingleExpression("{{ a }}{{ b }}")).toBe(false);
    expect(isSingleExpression("x {{ a }}")).toBe(false);
    expect(isSingleExpression("plain")).toBe(false);
  });
});

describe("stringifyValue", () => {
  it("shows objects as JSON and nothing for null/undefined", () => {
    expect([{ a: 1 }, [1], null, undefined, 3, true, "s"].map(stringifyValue)).toEqual(['{"a":1}', "[1]", "", "", "3", "true", "s"]);
  });
});

describe("resolveTemplates", () => {
  it("resolves a config deeply in one evaluate call", async () => {
    const evaluate = table({ id: 7, user: { n: "Ada" }, nothing: null });
    const config = { path: "/users/{{ id }}", body: { who: "{{ user }}", note: "x{{ nothing }}y", list: ["{{ id }}", "lit"] }, n: 3 };
    expect(await resolveTemplates(config, evaluate, { mode: "value" })).toEqual({
      path: "/users/7",
      body: { who: { n: "Ada" }, note: "xy", list: [7, "lit"] },
      n: 3,
    });
    expect(evaluate.calls).toEqual([["id", "user", "nothing", "id"]]);
  });

  it("stringifies in text mode and honours skip", async () => {
    const evaluate = table({ user: { n: "Ada" } });
    const config = { kind: "sql", statement: "select {{ user }}", to: "{{ user }}" };
    const out = await renderTemplates(config, evaluate, (p) => p[0] === "statement");
    expect(out).toEqual({ kind: "sql", statement: "select {{ user }}", to: '{"n":"Ada"}' });
  });

  it("returns the same object and calls nothing without templates; empty {{ }} is undefined", async () => {
    const evaluate = table({});
    const config = { a: "x", b: [1, { c: "y" }] };
    expect(await resolveTemplates(config, evaluate, { mode: "value" })).toBe(config);
    expect(await resolveTemplates({ v: "{{ }}", w: "a{{}}b" }, evaluate, { mode: "value" })).toEqual({ v: undefined, w: "ab" });
    expect(evaluate.calls).toEqual([[]]);
  });
});

describe("templateToExpression", () => {
  it("unwraps one expression, keeps bare text as the expression, concatenates mixed text", () => {
    expect(templateToExpression("{{ items.length > 0 }}")).toBe("items.length > 0");
    expect(templateToExpression("user.active")).toBe("user.active");
    expect(templateToExpression("  ")).toBe("undefined");
    const mixed = templateToExpression("n={{ n }}");
    expect(mixed).toContain('"n=" + __s((n\n))');
  });
});
