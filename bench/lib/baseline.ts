import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startServer, type ServerHandle } from "../../e2e/server-process";

/**
 * Lathe as it was before sign-in (issue 11): the commit whose `POST /api/fn` answered anyone.
 * The cost of the session check is measured against it in the same run, on the same machine.
 */
export const BEFORE_SIGN_IN = process.env.BENCH_BASELINE_REF ?? "1485e13";

function run(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

/**
 * A checkout of `ref` beside the repository (a detached git worktree under the temp folder),
 * built once and kept for later runs.
 */
function baselineTree(ref: string): string {
  const root = process.cwd();
  const dir = path.join(os.tmpdir(), `lathe-bench-baseline-${ref}`);
  if (fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) return dir;
  console.log(`[bench] building the baseline (${ref}, before sign-in) in ${dir}; once per machine…`);
  if (!fs.existsSync(path.join(dir, "package.json"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    run("git", ["worktree", "prune"], root);
    run("git", ["worktree", "add", "--detach", dir, ref], root);
  }
  const modules = path.join(dir, "node_modules");
  if (!fs.existsSync(modules)) {
    // Hard links, not symlinks: Turbopack refuses packages that resolve outside the project.
    // The Prisma client is a real copy, generated from that tree's own schema.
    run("cp", ["-al", path.join(root, "node_modules"), modules], root);
    for (const own of [path.join("@prisma", "client"), ".prisma"]) {
      fs.rmSync(path.join(modules, own), { recursive: true, force: true });
      fs.cpSync(path.join(root, "node_modules", own), path.join(modules, own), { recursive: true });
    }
  }
  run(process.execPath, ["scripts/prisma.mjs", "generate"], dir);
  run(process.execPath, ["scripts/build.mjs"], dir);
  return dir;
}

/** The baseline server on a throwaway data folder. */
export async function withBaseline<T>(fn: (server: ServerHandle) => Promise<T>): Promise<T> {
  const tree = baselineTree(BEFORE_SIGN_IN);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lathe-bench-base-"));
  const server = await startServer(dataDir, await freePort(), {}, tree);
  try {
    return await fn(server);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
