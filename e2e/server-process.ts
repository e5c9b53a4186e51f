import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../server/test-support/free-port";

/** A second Lathe server for tests that restart one: started with `npm start`'s script, stopped by process group. */
export { freePort };
export interface ServerHandle {
  url: string;
  /** The process group of the server and everything it started. */
  pgid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** `env` adds to the server's environment (e.g. ADMIN_ENV from ./auth for an installation with an admin). */
export async function startServer(dataDir: string, port: number, env: Record<string, string> = {}, cwd?: string): Promise<ServerHandle> {
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), LATHE_DATA_DIR: dataDir, DATABASE_URL: "", LATHE_SKIP_BUILD: "1", ...env },
    detached: true,
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const up = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  return { url, pgid: child.pid ?? 0, output: () => output, stop };
}
