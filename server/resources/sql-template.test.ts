import { describe, expect, it } from "vitest";
import { planSql, renderStatement, type SqlDialect } from "./sql-template";

function render(sql: string, dialect: SqlDialect = "postgres") {
  const plan = planSql(sql, dialect);
  const values = plan.expressions.map((e) => `<${e}>`);
  return { expressions: plan.expressions, statements: plan.statements.map((s) => renderStatement(s, values, dialect)) };
}

describe("planSql", () => {
  it("turns templates into numbered parameters, never text", () => {
    expect(render("select * from t where a = {{ a }} and b = {{b.c}}")).toEqual({
      expressions: ["a", "b.c"],
      statements: [{ text: "select * from t where a = $1 and b = $2", params: ["<a>", "<b.c>"] }],
    });
    expect(render("select {{ a }}, {{ a }}", "sqlite").statements[0]).toEqual({ text: "select ?, ?", params: ["<a>", "<a>"] });
  });

  it.each([
    ["select '{{ x }}'", /inside a quoted SQL string/],
    ["select 'a' || '%{{ x }}%'", /inside a quoted SQL string/],
    ["select E'it\\'s {{ x }}'", /inside a quoted SQL string/],
    ["select $$ {{ x }} $$", /inside a quoted SQL string/],
    ["select $tag$ ' {{ x }} $tag$", /inside a quoted SQL string/],
    ['select "{{ col }}" from t', /quoted SQL name/],
  ])("refuses a template inside quotes: %s", (sql, message) => {
    expect(() => planSql(sql, "postgres")).toThrow(message);
  });

  it("refuses SQLite's bracket and backtick names", () => {
    expect(() => planSql("select [{{ c }}] from t", "sqlite")).toThrow(/quoted SQL name/);
    expect(() => planSql("select `{{ c }}` from t", "sqlite")).toThrow(/quoted SQL name/);
  });

  it("sees the end of quotes: doubled quotes, escaped quotes, names", () => {
    expect(render("select 'it''s', {{ a }}").statements[0].text).toBe("select 'it''s', $1");
    expect(render("select E'\\'', {{ a }}").statements[0].text).toBe("select E'\\'', $1");
    expect(render("select $q$ ; ' $q$, {{ a }}").statements[0].text).toBe("select $q$ ; ' $q$, $1");
    expect(render('select "a""b", {{ a }}').statements[0].text).toBe('select "a""b", $1');
  });

  it("leaves templates in comments as text, unevaluated", () => {
    const r = render("select 1 -- where a = {{ a }}\n, {{ b }} /* {{ c }} /* nested */ {{ d }} */");
    expect(r.expressions).toEqual(["b"]);
    expect(r.statements[0].text).toBe("select 1 -- where a = {{ a }}\n, $1 /* {{ c }} /* nested */ {{ d }} */");
  });

  it("splits statements at top-level semicolons only, numbering parameters per statement", () => {
    const r = render("insert into t values ({{ a }}, ';'); -- x;\n update t set b = {{ b }} /* ; */;  ");
    expect(r.statements).toEqual([
      { text: "insert into t values ($1, ';')", params: ["<a>"] },
      { text: "-- x;\n update t set b = $1 /* ; */", params: ["<b>"] },
    ]);
  });

  it("drops a trailing semicolon and comment-only pieces", () => {
    expect(render("select 1; -- done").statements).toHaveLength(1);
    expect(render("  ;; ").statements).toHaveLength(0);
  });

  it("does not take a$b for a dollar quote", () => {
    expect(render("select a$b, {{ x }}").statements[0].text).toBe("select a$b, $1");
  });

  it("refuses hand-written placeholders, which would collide with the bound ones", () => {
    expect(() => planSql("select $1, {{ x }}", "postgres")).toThrow(/not as \$1 placeholders/);
    expect(() => planSql("select ?", "sqlite")).toThrow(/not as \? placeholders/);
    expect(render("select data ? 'k' from t where id = {{ id }}").statements[0].text).toBe("select data ? 'k' from t where id = $1");
  });
});
