import fs from "node:fs";
import path from "node:path";
import { KEY_FILE_NAME } from "../secrets/key";
import { dataDir, databaseFile, databaseUrl, sqliteDir } from "../db/config";

/**
 * Where a SQLite resource may open a database: only files under the SQLite folder
 * (`LATHE_SQLITE_DIR`, default `<data folder>/sqlite`), never Lathe's own files. Checked on real
 * paths (symlinks, `..`, relative paths resolved against the folder), at save, test and run;
 * the file opened is the checked real path, never the text the builder wrote.
 */

export const MEMORY = ":memory:";

/** Where the resource's database is, or why it may not be opened. */
export type SqliteTarget = { ok: true; file: string; exists: boolean } | { ok: false; reason: string };

/** SQLite's files beside a database, which reach its content as well. */
/** The files SQLite keeps beside a database. */
export const SQLITE_SIDECARS: readonly string[] = ["-wal", "-shm", "-journal"];

/** The real path of `p`; for a path that does not exist, its nearest existing ancestor's real path joined with the rest. */
function realPath(p: string): { real: string; exists: boolean } {
  try {
    return { real: fs.realpathSync(p), exists: true };
  } catch {
    const parent = path.dirname(p);
    if (parent === p) return { real: p, exists: false };
    return { real: path.join(realPath(parent).real, path.basename(p)), exists: false };
  }
}

function inside(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/** The path a `file:` URI names; query parameters (mode, vfs, immutable…) are refused, not ignored. */
function fromFileUri(given: string): { path: string } | { reason: string } {
  let rest = given.slice("file:".length);
  if (/[?#]/.test(rest)) {
    return { reason: `The SQLite path ${given} has URI parameters; they are not honoured. Give the plain path of the file` };
  }
  if (rest.startsWith("//")) {
    const end = rest.indexOf("/", 2);
    const authority = end === -1 ? rest.slice(2) : rest.slice(2, end);
    if (authority !== "" && authority.toLowerCase() !== "localhost") return { reason: `The SQLite path ${given} names another host; give a file on this server` };
    rest = end === -1 ? "" : rest.slice(end);
  }
  try {
    return { path: decodeURIComponent(rest) };
  } catch {
    return { reason: `The SQLite path ${given} is not a valid file: URI` };
  }
}

/** Lathe's own database and its journal files, as real paths (DATABASE_URL or the data folder's lathe.db). */
function latheFiles(env: NodeJS.ProcessEnv): string[] {
  const db = databaseFile(databaseUrl(env));
  const files = db ? ["", ...SQLITE_SIDECARS].map((s) => realPath(db + s).real) : [];
  files.push(realPath(path.join(dataDir(env), KEY_FILE_NAME)).real);
  return files;
}

/** The same file under another name (a hard link): same device and inode. */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Resolves a SQLite resource's path. `:memory:` is a private in-memory database. A relative
 * path is relative to the SQLite folder. The answer's `file` is the real path to open.
 */
export function resolveSqlitePath(given: string, env: NodeJS.ProcessEnv = process.env): SqliteTarget {
  if (given === MEMORY) return { ok: true, file: MEMORY, exists: true };
  let plain = given;
  if (/^file:/i.test(given)) {
    const uri = fromFileUri(given);
    if ("reason" in uri) return { ok: false, reason: uri.reason };
    if (uri.path === MEMORY) return { ok: true, file: MEMORY, exists: true };
    plain = uri.path;
  }
  if (plain.includes("\0")) return { ok: false, reason: "The SQLite path holds a NUL character" };
  const folder = sqliteDir(env);
  const realFolder = realPath(folder).real;
  const { real, exists } = realPath(path.resolve(folder, plain));
  const outside = `The SQLite file ${given} is outside the folder SQLite resources may use (${folder}, set by LATHE_SQLITE_DIR): put the database file there`;
  if (!inside(realFolder, real)) return { ok: false, reason: outside };
  const own = `The SQLite file ${given} is one of Lathe's own files: a SQLite resource can never open it`;
  if (latheFiles(env).some((f) => f === real || (exists && sameFile(f, real)))) return { ok: false, reason: own };
  // Even when LATHE_SQLITE_DIR is the data folder (or holds it), only its sqlite/ folder is open.
  const data = realPath(dataDir(env)).real;
  if (inside(data, real) && !inside(realPath(path.join(dataDir(env), "sqlite")).real, real)) {
    return { ok: false, reason: `The SQLite file ${given} is in Lathe's data folder, outside its sqlite/ folder: a SQLite resource can never open it` };
  }
  return { ok: true, file: real, exists };
}

/** Why a path may not be saved or opened, or null when it may (it need not exist yet). */
export function sqlitePathRefusal(given: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const t = resolveSqlitePath(given, env);
  return t.ok ? null : t.reason;
}
