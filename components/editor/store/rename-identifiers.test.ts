import { describe, expect, it } from "vitest";
import { renameInCode, renameInTemplate } from "./rename-identifiers";

const r = new Map([["code1", "load"]]);

describe("renameInTemplate", () => {
  it.each([
    ["{{ code1.data }}", "{{ load.data }}"],
    ["{{code1.error}}", "{{load.error}}"],
    ["id = {{ code1.metadata.count }} and {{ code1[0] }}", "id = {{ load.metadata.count }} and {{ load[0] }}"],
    ["{{ code1 }}", "{{ load }}"],
    ["{{ x.code1 }} {{ x?.code1 }}", "{{ x.code1 }} {{ x?.code1 }}"],
    ["{{ code10.data + mycode1 }}", "{{ code10.data + mycode1 }}"],
    ["{{ 'code1' + \"code1\" }}", "{{ 'code1' + \"code1\" }}"],
    ["{{ `${code1.data} code1` }}", "{{ `${load.data} code1` }}"],
    ["{{ { code1: code1.data } }}", "{{ { code1: load.data } }}"],
    ["{{ [...code1.data] }}", "{{ [...load.data] }}"],
    ["{{ ok ? code1 : 0 }}", "{{ ok ? load : 0 }}"],
    ["code1 outside braces", "code1 outside braces"],
    ["{{ /code1/.test(s) ? code1 : 1 }}", "{{ /code1/.test(s) ? load : 1 }}"],
  ])("%s", (input, output) => {
    expect(renameInTemplate(input, r)).toBe(output);
  });

  it("returns the same string when nothing changes", () => {
    const s = "{{ other.data }}";
    expect(renameInTemplate(s, r)).toBe(s);
  });
});

describe("renameInCode (JavaScript)", () => {
  it("renames references, not properties, strings, comments or keys", () => {
    const src = [
      "// code1 is loaded above",
      "const rows = code1.data.filter((r) => r.code1 > 0);",
      "const label = 'code1: ' + code1.error?.message;",
      "/* code1 */ return { code1: rows, n: code1.metadata, first: code1[0], t: `${code1.data.length} code1` };",
    ].join("\n");
    expect(renameInCode(src, "javascript", r)).toBe(
      [
        "// code1 is loaded above",
        "const rows = load.data.filter((r) => r.code1 > 0);",
        "const label = 'code1: ' + load.error?.message;",
        "/* code1 */ return { code1: rows, n: load.metadata, first: load[0], t: `${load.data.length} code1` };",
      ].join("\n"),
    );
  });

  it("divides after a value and skips a regex after an operator", () => {
    expect(renameInCode("const x = code1.data / 2 / code1.data; const re = /code1/g;", "javascript", r)).toBe(
      "const x = load.data / 2 / load.data; const re = /code1/g;",
    );
  });

  it("swaps names when asked to, all at once", () => {
    expect(renameInCode("return [a, b]", "javascript", new Map([["a", "b"], ["b", "a"]]))).toBe("return [b, a]");
  });
});

describe("renameInCode (Python)", () => {
  it("renames references, not attributes, strings, comments or keyword arguments", () => {
    const src = [
      "# code1 holds the rows",
      "rows = code1['data'] if code1 else []",
      "name = obj.code1 + 'code1' + \"\"\"code1",
      "code1 \"\"\"",
      "msg = f\"{code1['data']} and {{code1}}\" + r'code1'",
      "return dict(code1=code1, n=len(code1))",
    ].join("\n");
    expect(renameInCode(src, "python", r)).toBe(
      [
        "# code1 holds the rows",
        "rows = load['data'] if load else []",
        "name = obj.code1 + 'code1' + \"\"\"code1",
        "code1 \"\"\"",
        "msg = f\"{load['data']} and {{code1}}\" + r'code1'",
        "return dict(code1=load, n=len(load))",
      ].join("\n"),
    );
  });

  it("renames comparisons that look like keyword arguments", () => {
    expect(renameInCode("f(code1 == 1)", "python", r)).toBe("f(load == 1)");
  });
});
