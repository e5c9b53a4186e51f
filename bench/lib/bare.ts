import { fork } from "node:child_process";
import path from "node:path";

/** The baseline server (bench/bare-server.mjs) in a child process: its URL, pid (for /proc) and stop. */
export async function bareServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = fork(path.join(import.meta.dirname, "..", "bare-server.mjs"), [], { stdio: "inherit" });
  const port = await new Promise<number>((resolve) => child.once("message", (m: { port: number }) => resolve(m.port)));
  return { url: `http://127.0.0.1:${port}/api/fn`, pid: child.pid ?? 0, stop: () => child.kill() };
}
