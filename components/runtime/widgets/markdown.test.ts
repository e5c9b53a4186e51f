import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "./markdown";

describe("parseMarkdown blocks", () => {
  it("splits paragraphs on blank lines and keeps single newlines as breaks", () => {
    expect(parseMarkdown("one\ntwo\n\nthree")).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "one" }, { type: "break" }, { type: "text", text: "two" }] },
      { type: "paragraph", children: [{ type: "text", text: "three" }] },
    ]);
  });

  it("reads # to ### headings, and more hashes as text", () => {
    expect(parseMarkdown("# A\n## B\n### C ###\n#### D")).toEqual([
      { type: "heading", level: 1, children: [{ type: "text", text: "A" }] },
      { type: "heading", level: 2, children: [{ type: "text", text: "B" }] },
      { type: "heading", level: 3, children: [{ type: "text", text: "C" }] },
      { type: "paragraph", children: [{ type: "text", text: "#### D" }] },
    ]);
    expect(parseMarkdown("#nospace")[0]).toEqual({ type: "paragraph", children: [{ type: "text", text: "#nospace" }] });
  });

  it("groups bullet and numbered lists, with indented continuation lines", () => {
    expect(parseMarkdown("- a\n- **b**\n  more\n1. x\n2. y\nafter")).toEqual([
      {
        type: "list",
        ordered: false,
        items: [[{ type: "text", text: "a" }], [{ type: "strong", children: [{ type: "text", text: "b" }] }, { type: "text", text: " more" }]],
      },
      { type: "list", ordered: true, items: [[{ type: "text", text: "x" }], [{ type: "text", text: "y" }]] },
      { type: "paragraph", children: [{ type: "text", text: "after" }] },
    ]);
  });

  it("handles CRLF and empty input", () => {
    expect(parseMarkdown("")).toEqual([]);
    expect(parseMarkdown("a\r\nb")).toHaveLength(1);
  });
});

describe("parseInline", () => {
  it("reads bold, italic, code", () => {
    expect(parseInline("**b** *i* _u_ `c*d*`")).toEqual([
      { type: "strong", children: [{ type: "text", text: "b" }] },
      { type: "text", text: " " },
      { type: "em", children: [{ type: "text", text: "i" }] },
      { type: "text", text: " " },
      { type: "em", children: [{ type: "text", text: "u" }] },
      { type: "text", text: " " },
      { type: "code", text: "c*d*" },
    ]);
  });

  it("nests bold inside italic and italic inside bold", () => {
    expect(parseInline("*a **b** c*")).toEqual([
      { type: "em", children: [{ type: "text", text: "a " }, { type: "strong", children: [{ type: "text", text: "b" }] }, { type: "text", text: " c" }] },
    ]);
    expect(parseInline("**a *b***")[0]).toMatchObject({ type: "strong" });
  });

  it("leaves unmatched markers, snake_case, spaced stars and escapes as text", () => {
    expect(parseInline("2 * 3 * 4")).toEqual([{ type: "text", text: "2 * 3 * 4" }]);
    expect(parseInline("snake_case_name")).toEqual([{ type: "text", text: "snake_case_name" }]);
    expect(parseInline("**open")).toEqual([{ type: "text", text: "**open" }]);
    expect(parseInline("\\*not\\* `open")).toEqual([{ type: "text", text: "*not* `open" }]);
  });

  it("reads links with safe hrefs, balanced parentheses, and formatted text", () => {
    expect(parseInline("see [**docs**](https://x.dev/a_(b)) now")).toEqual([
      { type: "text", text: "see " },
      { type: "link", href: "https://x.dev/a_(b)", children: [{ type: "strong", children: [{ type: "text", text: "docs" }] }] },
      { type: "text", text: " now" },
    ]);
    expect(parseInline("[mail](mailto:a@b.c)")).toEqual([{ type: "link", href: "mailto:a@b.c", children: [{ type: "text", text: "mail" }] }]);
  });

  it("renders unsafe or relative links as their text only", () => {
    expect(parseInline("[x](javascript:alert(1))")).toEqual([{ type: "text", text: "x" }]);
    expect(parseInline("[x](JaVaScRiPt:alert(1))")).toEqual([{ type: "text", text: "x" }]);
    expect(parseInline("[x](/relative)")).toEqual([{ type: "text", text: "x" }]);
    expect(parseInline("[x](data:text/html,hi)")).toEqual([{ type: "text", text: "x" }]);
  });

  it("keeps raw HTML as plain text", () => {
    expect(parseInline("<img src=x onerror=alert(1)>")).toEqual([{ type: "text", text: "<img src=x onerror=alert(1)>" }]);
  });
});

describe("safeHref", () => {
  it("accepts only absolute http, https and mailto", () => {
    expect(safeHref(" https://a.b/c ")).toBe("https://a.b/c");
    expect(safeHref("HTTP://a.b")).toBe("HTTP://a.b");
    expect(safeHref("mailto:x@y.z")).toBe("mailto:x@y.z");
    expect(safeHref("java\nscript:alert(1)")).toBeNull();
    expect(safeHref("vbscript:x")).toBeNull();
    expect(safeHref("//evil.com")).toBeNull();
    expect(safeHref("")).toBeNull();
  });
});
