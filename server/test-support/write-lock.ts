import { spawn } from "node:child_process";
import readline from "node:readline";

/** A second process holding a SQLite file's write lock (BEGIN IMMEDIATE) until told to let go. */
export interface WriteLock {
  /** Whether the other process still holds it: asked, and answered by that process. */
  held(): Promise<boolean>;
  release(): Promise<void>;
  /** Ends the process (releasing the lock with it) if it is still there. */
  kill(): void;
}

/**
 * Starts a real process (better-sqlite3, as a backup or a `sqlite3` shell would) that takes the
 * write lock of `file` (`BEGIN IMMEDIATE`, or `EXCLUSIVE`, the same in WAL mode) and holds it;
 * resolves once it holds it. Other processes' readers go on
 * (WAL); writers get SQLITE_BUSY.
 */
export async function holdWriteLock(file: string, mode: "IMMEDIATE" | "EXCLUSIVE" = "IMMEDIATE"): Promise<WriteLock> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN ${mode}");
    console.log("locked");
    require("node:readline").createInterface({ input: process.stdin }).on("line", (line) => {
      if (line === "held?") console.log(db.inTransaction ? "held" : "free");
      if (line === "release") { db.exec("COMMIT"); db.close(); console.log("released"); process.exit(0); }
    });
  `;
  const child = spawn(process.execPath, ["-e", script, file], { cwd: process.cwd(), stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  child.on("exit", () => {
    for (const w of waiting.splice(0)) w("exited");
  });
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const ask = (line: string) => {
    const answer = next();
    child.stdin.write(`${line}\n`);
    return answer;
  };
  const first = await next();
  if (first !== "locked") throw new Error(`the lock holder said ${first}`);
  return {
    held: async () => (await ask("held?")) === "held",
    async release() {
      const answer = await ask("release");
      if (answer !== "released") throw new Error(`the lock holder said ${answer}`);
    },
    kill: () => void child.kill(),
  };
}
