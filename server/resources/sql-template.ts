import { parseTemplate } from "@/engine/expressions";

/**
 * A SQL statement's `{{ }}` turned into bound parameters. The text is scanned like the
 * database would (quotes, quoted names, comments, PostgreSQL dollar quotes) so that:
 *  - a template in plain SQL becomes a parameter (`$1` / `?`), never spliced text;
 *  - a template inside a quoted string or name is refused (`'{{ x }}'` would be the literal
 *    text `$1`): write `{{ x }}` without quotes;
 *  - a template inside a comment stays there as text and is not evaluated;
 *  - top-level `;` split the statements (a trailing `;` and comment-only pieces are dropped);
 *  - hand-written placeholders (`$1`, SQLite's `?`) are refused: they would collide with ours.
 */

export type SqlDialect = "postgres" | "sqlite";
/** Text, or the index of an expression in `SqlPlan.expressions`. */
export type SqlPart = { text: string } | { param: number };

export interface SqlPlan {
  statements: SqlPart[][];
  expressions: string[];
}

export class SqlTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqlTemplateError";
  }
}

type Mode =
  | { kind: "code" }
  | { kind: "string"; backslash: boolean }
  | { kind: "name"; close: string }
  | { kind: "line" }
  | { kind: "block"; depth: number }
  | { kind: "dollar"; tag: string };

const WORD = /[A-Za-z0-9_$]/;
const DOLLAR = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

class Scanner {
  mode: Mode = { kind: "code" };
  statements: SqlPart[][] = [];
  expressions: string[] = [];
  private parts: SqlPart[] = [];
  private text = "";
  private content = false;
  private prev = "";
  private prev2 = "";

  constructor(private readonly dialect: SqlDialect) {}

  private flushText(): void {
    if (this.text) this.parts.push({ text: this.text });
    this.text = "";
  }

  endStatement(): void {
    this.flushText();
    if (this.content) this.statements.push(this.parts);
    this.parts = [];
    this.content = false;
  }

  expression(source: string): void {
    const shown = `{{ ${source} }}`;
    const m = this.mode;
    if (m.kind === "line" || m.kind === "block") {
      this.text += shown;
      return;
    }
    if (m.kind === "string" || m.kind === "dollar") {
      throw new SqlTemplateError(
        `${shown} is inside a quoted SQL string. Its value is sent as a bound parameter, so write it without quotes: name = {{ name }}, or for a pattern name LIKE '%' || {{ q }} || '%'`,
      );
    }
    if (m.kind === "name") {
      throw new SqlTemplateError(`${shown} is inside a quoted SQL name. Table and column names cannot be parameters; only values can`);
    }
    this.flushText();
    this.parts.push({ param: this.expressions.length });
    this.expressions.push(source);
    this.content = true;
    this.prev2 = this.prev;
    this.prev = " ";
  }

  /** Scans text; `i` moves past multi-character tokens. */
  feed(t: string): void {
    for (let i = 0; i < t.length; i++) {
      const c = t[i];
      const next = t[i + 1] ?? "";
      const m = this.mode;
      let take = 1;
      if (m.kind === "code") {
        if (c === ";") {
          this.endStatement();
          this.prev2 = this.prev;
          this.prev = c;
          continue;
        }
        const comment = (c === "-" && next === "-") || (c === "/" && next === "*");
        if (!comment && !/\s/.test(c)) this.content = true;
        if ((this.dialect === "postgres" && c === "$" && /[0-9]/.test(next) && !WORD.test(this.prev)) || (this.dialect === "sqlite" && c === "?")) {
          throw new SqlTemplateError(`Write values as {{ expression }}, not as ${c}${this.dialect === "postgres" ? next : ""} placeholders: the query numbers its parameters itself`);
        }
        if (c === "'") {
          const escapes = this.dialect === "postgres" && /[eE]/.test(this.prev) && !WORD.test(this.prev2);
          this.mode = { kind: "string", backslash: escapes };
        } else if (c === '"') this.mode = { kind: "name", close: '"' };
        else if (this.dialect === "sqlite" && c === "`") this.mode = { kind: "name", close: "`" };
        else if (this.dialect === "sqlite" && c === "[") this.mode = { kind: "name", close: "]" };
        else if (c === "-" && next === "-") {
          this.mode = { kind: "line" };
          take = 2;
        } else if (c === "/" && next === "*") {
          this.mode = { kind: "block", depth: 1 };
          take = 2;
        } else if (this.dialect === "postgres" && c === "$" && !WORD.test(this.prev)) {
          const d = DOLLAR.exec(t.slice(i, i + 66));
          if (d) {
            this.mode = { kind: "dollar", tag: d[0] };
            take = d[0].length;
          }
        }
      } else if (m.kind === "string") {
        if (m.backslash && c === "\\") take = 2;
        else if (c === "'" && next === "'") take = 2;
        else if (c === "'") this.mode = { kind: "code" };
      } else if (m.kind === "name") {
        if (c === m.close && next === m.close && m.close !== "]") take = 2;
        else if (c === m.close) this.mode = { kind: "code" };
      } else if (m.kind === "line") {
        if (c === "\n") this.mode = { kind: "code" };
      } else if (m.kind === "block") {
        if (c === "*" && next === "/") {
          take = 2;
          this.mode = m.depth > 1 ? { kind: "block", depth: m.depth - 1 } : { kind: "code" };
        } else if (this.dialect === "postgres" && c === "/" && next === "*") {
          take = 2;
          this.mode = { kind: "block", depth: m.depth + 1 };
        }
      } else if (t.startsWith(m.tag, i)) {
        take = m.tag.length;
        this.mode = { kind: "code" };
      }
      const token = t.slice(i, i + take);
      this.text += token;
      this.prev2 = token.length > 1 ? token[token.length - 2] : this.prev;
      this.prev = token[token.length - 1];
      i += take - 1;
    }
  }
}

/** Splits a raw statement (templates unrendered) into statements and the expressions to bind. */
export function planSql(statement: string, dialect: SqlDialect): SqlPlan {
  const scanner = new Scanner(dialect);
  for (const seg of parseTemplate(statement)) {
    if (seg.kind === "text") scanner.feed(seg.text);
    else scanner.expression(seg.source);
  }
  scanner.endStatement();
  return { statements: scanner.statements, expressions: scanner.expressions };
}

/** One statement's text with placeholders (`$1…` or `?`) and its parameters in order. */
export function renderStatement(parts: readonly SqlPart[], values: readonly unknown[], dialect: SqlDialect): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  let text = "";
  for (const p of parts) {
    if ("text" in p) text += p.text;
    else {
      params.push(values[p.param]);
      text += dialect === "postgres" ? `$${params.length}` : "?";
    }
  }
  return { text: text.trim(), params };
}
