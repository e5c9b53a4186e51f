/**
 * The part of better-sqlite3's API the SQLite resource uses. The package ships no types and
 * @types/better-sqlite3 is not installed; if it ever is, delete this file.
 */
declare module "better-sqlite3" {
  namespace Database {
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      /** Busy timeout in ms (default 5000). */
      timeout?: number;
    }
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface ColumnDefinition {
      name: string;
      column: string | null;
      table: string | null;
      database: string | null;
      type: string | null;
    }
    interface Statement {
      /** The statement returns rows. */
      readonly reader: boolean;
      /** The statement does not write. */
      readonly readonly: boolean;
      run(...params: unknown[]): RunResult;
      all(...params: unknown[]): unknown[];
      get(...params: unknown[]): unknown;
      iterate(...params: unknown[]): IterableIterator<unknown>;
      safeIntegers(toggle?: boolean): this;
      columns(): ColumnDefinition[];
    }
  }
  interface Database {
    readonly open: boolean;
    readonly inTransaction: boolean;
    readonly readonly: boolean;
    readonly name: string;
    prepare(source: string): Database.Statement;
    exec(source: string): this;
    transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
    close(): this;
  }
  interface DatabaseConstructor {
    new (filename: string, options?: Database.Options): Database;
  }
  const Database: DatabaseConstructor;
  export = Database;
}
