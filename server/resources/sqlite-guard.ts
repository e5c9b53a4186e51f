import type Database from "better-sqlite3";

/**
 * What a SQLite resource's SQL may not do: reach another file (ATTACH, DETACH, VACUUM INTO),
 * load an extension, or change the connection, its files or the whole process through a PRAGMA
 * (hard_heap_limit is process-wide, journal_mode and mmap_size change files, busy_timeout
 * blocks the server). better-sqlite3 exposes neither sqlite3_set_authorizer nor sqlite3_limit
 * (so SQLITE_LIMIT_ATTACHED cannot be set to 0), hence two checks:
 *
 * 1. `tokenRefusal`, before anything is prepared: SQLite's own lexical rules (comments, strings,
 *    quoted names, any case), so ATTACH in a comment is not ATTACH and /**\/ATTACH is. It is
 *    the only check for PRAGMA, and must run first: some PRAGMAs act while being prepared.
 * 2. `compiledRefusal`, after the statement is prepared: SQLite compiles `EXPLAIN <statement>`
 *    and its bytecode is read. ATTACH and DETACH compile to calls of sqlite_attach/sqlite_detach,
 *    VACUUM INTO to a Vacuum opcode with a file register, load_extension to a call of it,
 *    however the text spelled them. This is SQLite's own parser, not a guess about it.
 *
 * load_extension() is also off in SQLite itself (better-sqlite3 enables only the C API, which
 * Lathe never calls), and better-sqlite3 opens every connection in SQLITE_DBCONFIG_DEFENSIVE.
 */

type Token = { kind: "word"; text: string } | { kind: "name"; text: string } | { kind: "string"; text: string } | { kind: "punct"; text: string };

/** SQLite's identifier characters: letters, digits, _, $ and any non-ASCII character. */
function isIdChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code >= 128;
}
const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13);

/** The tokens of a SQLite statement, comments and whitespace dropped; words and names lower-cased. */
export function sqliteTokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  const quoted = (close: string, doubled: boolean): string => {
    let text = "";
    i++;
    while (i < n) {
      const end = sql.indexOf(close, i);
      if (end === -1) {
        text += sql.slice(i);
        i = n;
        break;
      }
      text += sql.slice(i, end);
      i = end + 1;
      if (!doubled || sql[i] !== close) break;
      text += close;
      i++;
    }
    return text;
  };
  while (i < n) {
    const c = sql[i];
    const code = sql.charCodeAt(i);
    const next = sql.charCodeAt(i + 1);
    if (isSpace(code)) i++;
    else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end === -1 ? n : end + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'") out.push({ kind: "string", text: quoted("'", true) });
    else if (c === '"') out.push({ kind: "name", text: quoted('"', true).toLowerCase() });
    else if (c === "`") out.push({ kind: "name", text: quoted("`", true).toLowerCase() });
    else if (c === "[") out.push({ kind: "name", text: quoted("]", false).toLowerCase() });
    else if ((c === "?" || c === ":" || c === "@" || c === "$") && isIdChar(next)) {
      // A parameter (?1, :name, @name, $name): not a word.
      i++;
      while (i < n && isIdChar(sql.charCodeAt(i))) i++;
    } else if (isDigit(code) || (c === "." && isDigit(next))) {
      i++;
      while (i < n && (isIdChar(sql.charCodeAt(i)) || sql[i] === ".")) i++;
    } else if (isIdChar(code)) {
      const start = i;
      while (i < n && isIdChar(sql.charCodeAt(i))) i++;
      out.push({ kind: "word", text: sql.slice(start, i).toLowerCase() });
    } else {
      out.push({ kind: "punct", text: c });
      i++;
    }
  }
  return out;
}

/**
 * PRAGMAs a resource may run: "any" with a value or argument (they concern this connection's
 * own tables and settings), "read" only without one (journal_mode reads, journal_mode = wal
 * would make files).
 */
const PRAGMAS: Record<string, "any" | "read"> = {
  application_id: "any",
  collation_list: "any",
  compile_options: "any",
  data_version: "any",
  database_list: "any",
  defer_foreign_keys: "any",
  encoding: "read",
  foreign_key_check: "any",
  foreign_key_list: "any",
  foreign_keys: "any",
  freelist_count: "any",
  function_list: "any",
  index_info: "any",
  index_list: "any",
  index_xinfo: "any",
  integrity_check: "any",
  module_list: "any",
  optimize: "read",
  page_count: "any",
  page_size: "read",
  pragma_list: "any",
  quick_check: "any",
  recursive_triggers: "any",
  table_info: "any",
  table_list: "any",
  table_xinfo: "any",
  user_version: "any",
  auto_vacuum: "read",
  cache_size: "read",
  journal_mode: "read",
  synchronous: "read",
  busy_timeout: "read",
  query_only: "read",
  schema_version: "read",
  trusted_schema: "read",
};

const NAMEISH = new Set(["word", "name", "string"]);

function pragmaRefusal(tokens: Token[], at: number): string | null {
  let k = at + 1;
  let name = tokens[k];
  // PRAGMA schema.name
  if (tokens[k + 1]?.kind === "punct" && tokens[k + 1].text === ".") {
    k += 2;
    name = tokens[k];
  }
  if (!name || !NAMEISH.has(name.kind)) return "This PRAGMA is not allowed on a SQLite resource";
  const pragma = name.text.toLowerCase();
  const allowed = PRAGMAS[pragma];
  const next = tokens[k + 1];
  const withValue = next?.kind === "punct" && (next.text === "=" || next.text === "(");
  if (allowed === "any" || (allowed === "read" && !withValue)) return null;
  if (allowed === "read") return `PRAGMA ${pragma} may be read on a SQLite resource, not set`;
  return `PRAGMA ${pragma} is not allowed on a SQLite resource (it can change files or the server itself). If "pragma" is a column name here, write it in double quotes`;
}

/** Why this statement's text is refused, before it is prepared; null when it passes. */
export function tokenRefusal(sql: string): string | null {
  const tokens = sqliteTokens(sql);
  const words = tokens.filter((t) => t.kind === "word").map((t) => t.text);
  if (words.includes("attach") || words.includes("detach")) {
    return 'ATTACH and DETACH are not allowed: a SQLite resource reads and writes only its own database file. If "attach" is a column name here, write it in double quotes';
  }
  if (words[0] === "vacuum" && words.includes("into")) return "VACUUM INTO is not allowed: it writes a copy of the database to another file. Run VACUUM without INTO";
  if (tokens.some((t) => (t.kind === "word" || t.kind === "name") && t.text === "load_extension")) return "Loading a SQLite extension is not allowed";
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind === "word" && tokens[i].text === "pragma") {
      const refused = pragmaRefusal(tokens, i);
      if (refused) return refused;
    }
  }
  return null;
}

const REFUSED_CALL = /^(sqlite_attach|sqlite_detach|load_extension)\(/i;

interface ExplainRow {
  opcode: string;
  p2: number;
  p4: string | null;
}

function explainRow(row: unknown): ExplainRow | null {
  if (row === null || typeof row !== "object") return null;
  const opcode: unknown = Reflect.get(row, "opcode");
  const p2: unknown = Reflect.get(row, "p2");
  const p4: unknown = Reflect.get(row, "p4");
  if (typeof opcode !== "string") return null;
  return { opcode, p2: typeof p2 === "number" ? p2 : Number(p2), p4: typeof p4 === "string" ? p4 : null };
}

/**
 * Statement texts whose program passed, per connection. ATTACH, DETACH and VACUUM INTO come from
 * the statement's own syntax, so the same text compiles to them or not whatever the schema;
 * reading the program once per text halves a small query's cost (see the README).
 */
const passed = new WeakMap<Database, Set<string>>();
const MAX_PASSED = 1000;

/**
 * Why SQLite's compiled form of this statement is refused; null when it passes. Call after the
 * statement itself prepared (so its syntax is known good) with the same parameters.
 */
export function compiledRefusal(db: Database, sql: string, params: readonly unknown[]): string | null {
  const seen = passed.get(db) ?? new Set<string>();
  if (seen.has(sql)) return null;
  const refused = readProgram(db, sql, params);
  if (refused === null) {
    if (seen.size >= MAX_PASSED) seen.clear();
    seen.add(sql);
    passed.set(db, seen);
  }
  return refused;
}

function readProgram(db: Database, sql: string, params: readonly unknown[]): string | null {
  // EXPLAIN only compiles (it lists the program, runs nothing). An EXPLAIN statement of the
  // builder's own runs nothing either, and cannot be wrapped in a second EXPLAIN.
  const first = sqliteTokens(sql)[0];
  if (first?.kind === "word" && first.text === "explain") return null;
  let rows: unknown[];
  try {
    rows = db.prepare(`explain ${sql}`).all(...params);
  } catch {
    return "This SQL statement could not be checked, so it is not run";
  }
  for (const raw of rows) {
    const row = explainRow(raw);
    if (!row) return "This SQL statement could not be checked, so it is not run";
    if ((row.opcode === "Function" || row.opcode === "PureFunc") && row.p4 && REFUSED_CALL.test(row.p4)) {
      return row.p4.startsWith("load_extension") ? "Loading a SQLite extension is not allowed" : "ATTACH and DETACH are not allowed: a SQLite resource reads and writes only its own database file";
    }
    if (row.opcode === "Vacuum" && row.p2 !== 0) return "VACUUM INTO is not allowed: it writes a copy of the database to another file. Run VACUUM without INTO";
  }
  return null;
}
